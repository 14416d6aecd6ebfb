using System.Collections.Immutable;
using System.Diagnostics;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// Discrete-event simulation of one service day against the dispatcher (Law &amp; Kelton, "Simulation Modeling and
/// Analysis", ch. 1.3: next-event time advance). A future event list ordered by (time, sequence) holds shift starts,
/// trip requests, cancellations, vehicle arrivals/boardings/departures, GPS ticks, re-optimisation rounds and fleet
/// samples; the clock jumps from event to event and the dispatcher sees that clock. Riders, shops and vehicles act
/// through <see cref="IDispatchGateway"/>; all randomness comes from one seeded <see cref="Random"/>, so a seed gives
/// one result.
/// </summary>
public sealed partial class SimulationRunner
{
    private readonly LoadedScenario _scenario;
    private readonly DemandSet _demand;
    private readonly IDispatchGateway _gateway;
    private readonly ITravelTimeService _travel;
    private readonly IProgress<double>? _progress;
    private readonly Reality.TravelReality _reality;
    private readonly EventQueue _queue = new();
    private readonly Random _behaviour;
    private readonly TripState[] _trips;
    private readonly VehicleAgent[] _vehicles;
    private readonly Dictionary<string, int> _tripBySubject = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _vehicleById = new(StringComparer.Ordinal);
    private readonly List<FleetSample> _samples = [];
    private readonly long _startTicks;
    private readonly long _dayEndTicks;
    private readonly long _hardStopTicks;
    private readonly List<string> _problems = [];
    private int _problemCount;
    private long _now;
    private CancellationToken _ct;

    /// <summary>Prepares a run; <see cref="RunAsync"/> performs it.</summary>
    /// <param name="scenario">The validated scenario.</param>
    /// <param name="demand">The day's demand (ordered by request time).</param>
    /// <param name="gateway">The dispatcher (in-process or remote); must start empty.</param>
    /// <param name="travel">Road network for the vehicles' paths (the same one the dispatcher uses).</param>
    /// <param name="progress">Receives the share of the simulated day done (0..1); may be null.</param>
    /// <param name="worldRouter">
    /// The road network of the simulated world (its profile times are the truth before noise and bias); null takes
    /// <paramref name="travel"/>'s router. Differs from <paramref name="travel"/> when the dispatcher plans with learned times.
    /// </param>
    public SimulationRunner(LoadedScenario scenario, DemandSet demand, IDispatchGateway gateway, ITravelTimeService travel, IProgress<double>? progress = null,
        Routing.RoadRouter? worldRouter = null)
    {
        _scenario = scenario;
        _demand = demand;
        _gateway = gateway;
        _travel = travel;
        _progress = progress;
        _behaviour = new Random(scenario.Settings.Seed);
        _reality = new Reality.TravelReality(scenario.Settings.Reality ?? Reality.RealitySettings.Exact, scenario.Settings.Seed,
            worldRouter ?? (travel as RoadRouterTravelTimeService)?.Router);
        _rail = scenario.RailFeed is null ? null : RailFeederPlan.Load(scenario);
        var demandTrips = _rail?.Convert(demand.Trips, scenario.Settings.Seed, scenario.DayStart) ?? demand.Trips;
        _trips = new TripState[demandTrips.Length];
        for (int i = 0; i < _trips.Length; i++) _trips[i] = new TripState(i, demandTrips[i]);
        _vehicles = new VehicleAgent[scenario.Vehicles.Length];
        for (int i = 0; i < _vehicles.Length; i++)
        {
            _vehicles[i] = new VehicleAgent(i, scenario.Vehicles[i]);
            _vehicleById[scenario.Vehicles[i].VehicleId] = i;
        }
        var start = scenario.DayStart;
        var end = scenario.DayEnd;
        foreach (var v in scenario.Vehicles)
        {
            if (v.ShiftStart < start) start = v.ShiftStart;
            if (v.ShiftEnd > end) end = v.ShiftEnd;
        }
        _startTicks = start.UtcTicks;
        _dayEndTicks = scenario.DayEnd.UtcTicks;
        // Vehicles finish their manifests and drive home after the day; a hard stop bounds a run that never settles.
        _hardStopTicks = end.UtcTicks + TimeSpan.FromHours(3).Ticks;
        _now = _startTicks;
    }

    private DateTimeOffset Now => new(_now, TimeSpan.Zero);

    /// <summary>
    /// Runs the day. Cancelling <paramref name="cancellationToken"/> stops the event loop between events and
    /// returns partial results (<see cref="SimulationResult.Completed"/> false) instead of throwing.
    /// </summary>
    public async Task<SimulationResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var wall = Stopwatch.StartNew();
        _ct = CancellationToken.None;
        bool completed = true;
        try
        {
            await _gateway.SetClockAsync(Now, CancellationToken.None).ConfigureAwait(false);
            await RegisterFleetAsync().ConfigureAwait(false);
            ScheduleInitialEvents();
            ScheduleIncidents();
            ScheduleTrainDelays();
            while (_queue.TryTake(out var e))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    completed = false;
                    break;
                }
                if (e.Time > _hardStopTicks) break;
                if (e.Time > _now)
                {
                    _now = e.Time;
                    await _gateway.SetClockAsync(Now, CancellationToken.None).ConfigureAwait(false);
                    _progress?.Report(Math.Clamp((double)(_now - _startTicks) / Math.Max(1, _hardStopTicks - _startTicks), 0, 1));
                }
                await HandleAsync(e).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            completed = false;
        }
        if (completed) await SyncAlertsAsync().ConfigureAwait(false);
        _progress?.Report(1);
        var result = ResultBuilder.Build(_scenario, _demand, _gateway.Mode, completed, new DateTimeOffset(_startTicks, TimeSpan.Zero), Now,
            _trips, _vehicles, _samples, wall.Elapsed.TotalSeconds, _problemCount, [.. _problems]);
        var trips = WithConnections(result.Trips);
        return result with
        {
            Quotes = QuoteTimingOf(result.WallClockSeconds),
            Trips = trips,
            Kpis = result.Kpis.SetItems(IncidentKpis.Compute(trips, _alerts)).SetItems(ConnectionKpis.Compute(trips, _rail?.DelayedTrains ?? 0)),
            Alerts = [.. _alerts],
        };
    }

    private async Task RegisterFleetAsync()
    {
        if (Concurrency.Batched)
        {
            await RegisterFleetBatchedAsync().ConfigureAwait(false);
            return;
        }
        foreach (var v in _vehicles)
        {
            var r = await _gateway.RegisterVehicleAsync(v.Registration, _ct).ConfigureAwait(false);
            if (!r.IsSuccess)
                throw new ScenarioException($"fleet: vehicle '{v.Id}' was refused by the dispatcher: {r.Error!.Message}");
        }
    }

    private void ScheduleInitialEvents()
    {
        foreach (var v in _vehicles)
        {
            _queue.Add(new SimEvent(Math.Max(_startTicks, v.Registration.ShiftStart.UtcTicks), SimEventKind.ShiftStart, v.Index));
            _queue.Add(new SimEvent(v.Registration.ShiftEnd.UtcTicks, SimEventKind.ShiftEnd, v.Index));
        }
        foreach (var t in _trips)
            _queue.Add(new SimEvent(Math.Max(_startTicks, t.Trip.RequestTime.UtcTicks), SimEventKind.TripRequest, t.Index));
        _queue.Add(new SimEvent(_startTicks, SimEventKind.FleetSample, 0));
        _queue.Add(new SimEvent(_startTicks + PositionInterval, SimEventKind.PositionTick, 0));
        if (ReoptimisationInterval > 0) _queue.Add(new SimEvent(_startTicks + ReoptimisationInterval, SimEventKind.Reoptimise, 0));
    }

    private long PositionInterval => TimeSpan.FromSeconds(_scenario.Settings.PositionReportSeconds).Ticks;
    private long ReoptimisationInterval => TimeSpan.FromMinutes(_scenario.Settings.Reoptimisation.IntervalMin).Ticks;
    private long SampleInterval => TimeSpan.FromMinutes(_scenario.Settings.FleetSampleMinutes).Ticks;

    /// <summary>Periodic events continue while the day runs or any vehicle is still out.</summary>
    private bool StillActive()
    {
        if (_now < _dayEndTicks) return true;
        foreach (var v in _vehicles)
            if (v.Mode != VehicleMode.Done) return true;
        return false;
    }

    private async Task HandleAsync(SimEvent e)
    {
        switch (e.Kind)
        {
            case SimEventKind.ShiftStart or SimEventKind.ShiftEnd when Concurrency.Batched: await ShiftBatchAsync(e).ConfigureAwait(false); break;
            case SimEventKind.ShiftStart: await StartShiftAsync(_vehicles[e.Index]).ConfigureAwait(false); break;
            case SimEventKind.ShiftEnd: await EndShiftAsync(_vehicles[e.Index]).ConfigureAwait(false); break;
            case SimEventKind.TripRequest:
                if (Concurrency.Batched && !_trips[e.Index].IsParcel) await RequestBatchAsync(e).ConfigureAwait(false);
                else await RequestAsync(_trips[e.Index]).ConfigureAwait(false);
                break;
            case SimEventKind.Cancel: await CancelAsync(_trips[e.Index]).ConfigureAwait(false); break;
            case SimEventKind.VehicleArrive: await ArriveAsync(_vehicles[e.Index], e.Version).ConfigureAwait(false); break;
            case SimEventKind.VehicleBoard: await BoardAsync(_vehicles[e.Index], e.Version).ConfigureAwait(false); break;
            case SimEventKind.ServiceDone: await ServiceDoneAsync(_vehicles[e.Index], e.Version).ConfigureAwait(false); break;
            case SimEventKind.VehicleDepart: await DepartAsync(_vehicles[e.Index], e.Version).ConfigureAwait(false); break;
            case SimEventKind.PositionTick:
                await FreshFixesAsync().ConfigureAwait(false);
                if (StillActive()) _queue.Add(e with { Time = _now + PositionInterval });
                break;
            case SimEventKind.Reoptimise:
                await FreshFixesAsync().ConfigureAwait(false);
                // The round supervises first (late and missed pickups, duties nobody drives): its alerts end trips.
                bool adopted = await _gateway.ReoptimiseAsync(_ct).ConfigureAwait(false);
                if (await SyncAlertsAsync().ConfigureAwait(false) | adopted) await RefreshAllAsync().ConfigureAwait(false);
                if (StillActive()) _queue.Add(e with { Time = _now + ReoptimisationInterval });
                break;
            case SimEventKind.Breakdown: await BreakDownAsync(_vehicles[e.Index]).ConfigureAwait(false); break;
            case SimEventKind.TrainDelay: await TrainDelayAsync(e.Index).ConfigureAwait(false); break;
            case SimEventKind.Supervise:
                await SuperviseAsync().ConfigureAwait(false);
                if (StillActive()) _queue.Add(e with { Time = _now + SuperviseInterval });
                break;
            case SimEventKind.FleetSample:
                Sample();
                if (StillActive()) _queue.Add(e with { Time = _now + SampleInterval });
                break;
        }
    }

    /// <summary>Notes a dispatcher call that failed although the simulation expected it to succeed.</summary>
    private void Problem(string what, DispatchError? error)
    {
        _problemCount++;
        if (_problems.Count < 200) _problems.Add($"{Now:HH:mm:ss} {what}: {error?.Code} {error?.Message}");
    }

    private void Sample()
    {
        int onShift = 0, moving = 0, passengers = 0, parcels = 0;
        foreach (var v in _vehicles)
        {
            if (v.OnShift) onShift++;
            if (v.Moving) moving++;
            passengers += v.Load.Seats + v.Load.Wheelchairs;
            parcels += v.Load.ParcelUnits;
        }
        _samples.Add(new FleetSample(Now, onShift, moving, passengers, parcels));
    }
}
