using System.Collections.Concurrent;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Engine;

public sealed partial class SimulationRunner
{
    private readonly ConcurrentQueue<double> _quoteTimes = new();

    /// <summary>How requests are sent (one at a time by default; see <see cref="RequestConcurrency"/>).</summary>
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
        var lanes = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < batch.Count; i++)
        {
            string lane = Concurrency.PerAreaOrder ? _gateway.AreaOf(batch[i].Trip.Origin) ?? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!lanes.TryGetValue(lane, out var list)) lanes[lane] = list = [];
            list.Add(i);
        }
        using var gate = new SemaphoreSlim(Concurrency.MaxInFlight);
        await Task.WhenAll(lanes.Values.Select(lane => Task.Run(async () =>
        {
            foreach (int i in lane)
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try { answers[i] = await AskAsync(batch[i]).ConfigureAwait(false); }
                finally { gate.Release(); }
            }
        }))).ConfigureAwait(false);

        for (int i = 0; i < batch.Count; i++)
            if (answers[i] is { } booked)
                await BookedAsync(batch[i], booked.Booking, booked.Offer, draws[i].Cancel, draws[i].NoShow).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends the GPS fixes of <paramref name="vehicles"/> (positions computed one after the other, since they re-time the
    /// vehicles' legs) concurrently up to <see cref="RequestConcurrency.MaxInFlight"/>, in the same lanes as the
    /// requests: the fixes of one area's vehicles (the area of the depot) go in vehicle order, since the order in which
    /// one engine takes them may change its plan; without <see cref="RequestConcurrency.PerAreaOrder"/> each goes alone.
    /// </summary>
    private async Task SendFixesAsync(List<VehicleAgent> vehicles)
    {
        var lanes = new Dictionary<string, List<(string Vehicle, Dispatch.Geo.GeoPoint Fix)>>(StringComparer.Ordinal);
        for (int i = 0; i < vehicles.Count; i++)
        {
            var v = vehicles[i];
            string lane = Concurrency.PerAreaOrder ? _gateway.AreaOf(v.Registration.Depot) ?? "" : v.Id;
            if (!lanes.TryGetValue(lane, out var list)) lanes[lane] = list = [];
            list.Add((v.Id, FixOf(v)));
        }
        using var gate = new SemaphoreSlim(Concurrency.MaxInFlight);
        await Task.WhenAll(lanes.Values.Select(lane => Task.Run(async () =>
        {
            foreach (var (vehicle, fix) in lane)
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try { await _gateway.ReportPositionAsync(vehicle, fix, _ct).ConfigureAwait(false); }
                finally { gate.Release(); }
            }
        }))).ConfigureAwait(false);
    }

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
