using System.Collections.Concurrent;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Engine;

public sealed partial class SimulationRunner
{
    private readonly ConcurrentQueue<double> _quoteTimes = new();

    /// <summary>How calls are sent (one at a time by default; see <see cref="RequestConcurrency"/>).</summary>
    public RequestConcurrency Concurrency { get; init; } = RequestConcurrency.Sequential;

    /// <summary>
    /// The first passenger request of an interval is due: every passenger request of the interval is taken from the
    /// event list and asked now, concurrently up to <see cref="RequestConcurrency.MaxInFlight"/>, one lane per service
    /// area (or per request without <see cref="RequestConcurrency.PerAreaOrder"/>). The rest of each request's handling
    /// (behaviour draws before, bookings, cancellation events and manifest reads after) runs one after the other in
    /// request order, so only the dispatcher's answers can differ from a sequential run of the same requests.
    /// </summary>
    private async Task RequestBatchAsync(SimEvent first)
    {
        long interval = Math.Max(1, Concurrency.Interval.Ticks);
        long end = _startTicks + ((first.Time - _startTicks) / interval + 1) * interval;
        var batch = new List<TripState> { _trips[first.Index] };
        foreach (var e in _queue.TakeBefore(end, e => e.Kind == SimEventKind.TripRequest && !_trips[e.Index].IsParcel))
            batch.Add(_trips[e.Index]);
        // The behaviour draws stay in request order, as in a sequential run.
        var draws = new (double Cancel, double NoShow)[batch.Count];
        for (int i = 0; i < batch.Count; i++) draws[i] = (_behaviour.NextDouble(), _behaviour.NextDouble());
        await FreshFixesAsync().ConfigureAwait(false);

        var answers = new (Dispatch.Domain.Booking Booking, Dispatch.Domain.Offer Offer)?[batch.Count];
        await InLanesAsync(batch.Count, i => Concurrency.PerAreaOrder ? _gateway.AreaOf(batch[i].Trip.Origin) ?? "" : Lane(i),
            async i => answers[i] = await AskAsync(batch[i]).ConfigureAwait(false)).ConfigureAwait(false);

        for (int i = 0; i < batch.Count; i++)
            if (answers[i] is { } booked)
                await BookedAsync(batch[i], booked.Booking, booked.Offer, draws[i].Cancel, draws[i].NoShow).ConfigureAwait(false);
    }

    /// <summary>
    /// Registers the fleet, the vehicles of one service area (that of the depot) one after the other in scenario
    /// order, since the order an engine learns its vehicles in may decide ties in its plans; areas concurrently.
    /// </summary>
    private async Task RegisterFleetBatchedAsync()
    {
        var results = new DispatchResult<Dispatch.Domain.FleetVehicle>[_vehicles.Length];
        await InLanesAsync(_vehicles.Length, i => VehicleLane(_vehicles[i]),
            async i => results[i] = await _gateway.RegisterVehicleAsync(_vehicles[i].Registration, _ct).ConfigureAwait(false)).ConfigureAwait(false);
        for (int i = 0; i < _vehicles.Length; i++)
            if (!results[i].IsSuccess)
                throw new Scenario.ScenarioException($"fleet: vehicle '{_vehicles[i].Id}' was refused by the dispatcher: {results[i].Error!.Message}");
    }

    /// <summary>
    /// Every shift start and end due at this instant, as one step: the starts are sent concurrently (one area's in
    /// event order, areas at once), then each vehicle goes on duty or off in event order, then the vehicles that need it
    /// read their manifests (<see cref="RefreshManyAsync"/>). A sequential run reads each vehicle's manifest before the
    /// next vehicle starts; a start changes only its own vehicle's plan, so the manifests read are the same.
    /// </summary>
    private async Task ShiftBatchAsync(SimEvent first)
    {
        var events = new List<SimEvent> { first };
        events.AddRange(_queue.TakeBefore(first.Time + 1, e => e.Kind is SimEventKind.ShiftStart or SimEventKind.ShiftEnd));
        var starting = events.Where(e => e.Kind == SimEventKind.ShiftStart && _vehicles[e.Index].BrokenDownTicks is null)
            .Select(e => _vehicles[e.Index]).ToList();
        var started = new bool[starting.Count];
        await InLanesAsync(starting.Count, i => VehicleLane(starting[i]),
            async i => started[i] = (await _gateway.StartShiftAsync(starting[i].Id, _ct).ConfigureAwait(false)).IsSuccess).ConfigureAwait(false);

        var refresh = new List<VehicleAgent>();
        int next = 0;
        foreach (var e in events)
        {
            var v = _vehicles[e.Index];
            if (e.Kind == SimEventKind.ShiftEnd)
            {
                v.ShiftOver = true;
                if (v.Mode == VehicleMode.Idle) refresh.Add(v);
            }
            else if (v.BrokenDownTicks is null && started[next++])
            {
                v.Mode = VehicleMode.Idle;
                v.ShiftStartedTicks = _now;
                refresh.Add(v);
            }
        }
        await RefreshManyAsync(refresh).ConfigureAwait(false);
    }

    /// <summary>
    /// Re-reads the manifests of <paramref name="vehicles"/> at this instant: all reads concurrently (they change
    /// nothing), then each vehicle acts on its own in the order given (<see cref="ApplyManifestAsync"/>; a diverting
    /// vehicle's GPS fix re-plans only that vehicle, so the later vehicles' manifests stay as read).
    /// </summary>
    private async Task RefreshManyAsync(IEnumerable<VehicleAgent> vehicles)
    {
        var reading = vehicles.Distinct().Where(CanRefresh).ToList();
        var manifests = new DispatchResult<ManifestView>[reading.Count];
        await InLanesAsync(reading.Count, Lane,
            async i => manifests[i] = await _gateway.GetManifestAsync(reading[i].Id, _ct).ConfigureAwait(false)).ConfigureAwait(false);
        for (int i = 0; i < reading.Count; i++)
            if (CanRefresh(reading[i])) await ApplyManifestAsync(reading[i], manifests[i]).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the GPS fixes of <paramref name="vehicles"/> (positions computed one after the other, since they re-time the
    /// vehicles' legs) in one stream, in vehicle order as a sequential run sends them one call each.
    /// </summary>
    private async Task SendFixesAsync(List<VehicleAgent> vehicles)
    {
        var fixes = new List<(string VehicleId, Dispatch.Geo.GeoPoint Position)>(vehicles.Count);
        foreach (var v in vehicles) fixes.Add((v.Id, FixOf(v)));
        await _gateway.ReportPositionsAsync(fixes, _ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="call"/> for items 0..<paramref name="count"/>-1: the items of one lane one after the other in
    /// index order, lanes concurrently, at most <see cref="RequestConcurrency.MaxInFlight"/> calls at a time.
    /// </summary>
    private async Task InLanesAsync(int count, Func<int, string> laneOf, Func<int, Task> call)
    {
        var lanes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string lane = laneOf(i);
            if (!lanes.TryGetValue(lane, out var list)) lanes[lane] = list = [];
            list.Add(i);
        }
        using var gate = new SemaphoreSlim(Concurrency.MaxInFlight);
        await Task.WhenAll(lanes.Values.Select(lane => Task.Run(async () =>
        {
            foreach (int i in lane)
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try { await call(i).ConfigureAwait(false); }
                finally { gate.Release(); }
            }
        }))).ConfigureAwait(false);
    }

    /// <summary>The lane of a vehicle's shift calls: its depot's service area (or its own without <see cref="RequestConcurrency.PerAreaOrder"/>).</summary>
    private string VehicleLane(VehicleAgent v) => Concurrency.PerAreaOrder ? _gateway.AreaOf(v.Registration.Depot) ?? "" : v.Id;

    private static string Lane(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Quote latency (wall time of every <c>RequestQuote</c>, alternatives included) and quotes per second of the run.</summary>
    private QuoteTiming QuoteTimingOf(double wallSeconds)
    {
        var times = _quoteTimes.ToArray();
        Array.Sort(times);
        return new QuoteTiming(times.Length, Percentile(times, 0.50), Percentile(times, 0.99),
            wallSeconds > 0 ? times.Length / wallSeconds : 0, Concurrency.MaxInFlight, _gateway.RetriedCalls);
    }

    /// <summary>Nearest-rank percentile of sorted values (0 when empty).</summary>
    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
