using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Storage;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// The trains of a run with rail feeders (<see cref="RailFeederSettings"/>): turns a seeded share of passenger trips into
/// feeders and rides home tied to a train (<see cref="TrainConnection"/>), draws which trains run late and by how much,
/// and judges afterwards whether each promised connection was kept. Its own random streams, so a run without rail
/// feeders draws exactly as before.
/// </summary>
internal sealed class RailFeederPlan
{
    /// <summary>Trips whose bus ride would be shorter than this walk to the station instead, and stay as they are.</summary>
    private const double MinStationMetres = 800;

    private readonly RailFeederSettings _s;
    private readonly Timetable _tt;
    private readonly ServiceClock _clock;
    private readonly DateOnly _date;
    private readonly int[] _stations;
    private readonly Dictionary<int, TimeSpan> _delays = [];

    private RailFeederPlan(RailFeederSettings settings, Timetable tt, DateOnly date, ServiceArea area, int seed)
    {
        _s = settings;
        _tt = tt;
        _clock = ServiceClock.For(tt.TimeZone);
        _date = date;
        var stations = new SortedSet<int>();
        for (int trip = 0; trip < tt.TripCount; trip++)
        {
            if (!JourneyPlanner.IsRail(tt.RouteType(tt.TripRoute(trip)))) continue;
            for (int st = tt.TripStart(trip); st < tt.TripEnd(trip); st++)
            {
                int stop = tt.StopTimeStop(st);
                if (area.Contains(new GeoPoint(tt.StopLatitude(stop), tt.StopLongitude(stop)))) stations.Add(stop);
            }
        }
        _stations = [.. stations];
        var draw = new Random(unchecked(seed * 7919 + 13));
        double span = settings.DelayMaxMin - settings.DelayMinMin;
        for (int trip = 0; trip < tt.TripCount; trip++)
        {
            // Two draws per trip whatever the outcome, so the delays of one train do not depend on another's.
            double late = draw.NextDouble(), size = draw.NextDouble();
            if (!tt.Runs(trip, date.DayNumber) || !JourneyPlanner.IsRail(tt.RouteType(tt.TripRoute(trip)))) continue;
            if (late < settings.DelayedShare)
                _delays[trip] = TimeSpan.FromSeconds(Math.Round((settings.DelayMinMin + size * span) * 2) * 30);
        }
    }

    /// <summary>Loads the feed of a scenario with rail feeders (its <c>.dmt</c> file beside it is reused).</summary>
    public static RailFeederPlan Load(LoadedScenario scenario)
    {
        var tt = TimetableStore.LoadOrImport(scenario.RailFeed!).Timetable;
        return new RailFeederPlan(scenario.Settings.RailFeeders!, tt, DateOnly.FromDateTime(scenario.DayStart.Date), scenario.Area, scenario.Settings.Seed);
    }

    private TimeSpan Buffer => TimeSpan.FromMinutes(_s.TransferBufferMin);

    /// <summary>Number of the day's trains that run late.</summary>
    public int DelayedTrains => _delays.Count;

    /// <summary>The demand with a share of passenger trips tied to trains (same order and ids).</summary>
    public ImmutableArray<DemandTrip> Convert(ImmutableArray<DemandTrip> trips, int seed, DateTimeOffset dayStart)
    {
        var draw = new Random(unchecked(seed * 104729 + 7));
        var result = ImmutableArray.CreateBuilder<DemandTrip>(trips.Length);
        foreach (var t in trips)
        {
            double u = draw.NextDouble();
            DemandTrip? tied = null;
            if (u < _s.Share && t.Kind == TripKind.Passenger && _stations.Length > 0)
                tied = t.EarliestPickup is { } leave ? Feeder(t, leave) : t.LatestArrival is { } arrive ? RideHome(t, arrive) : null;
            if (tied is not null && tied.RequestTime < dayStart) tied = tied with { RequestTime = dayStart };
            result.Add(tied ?? t);
        }
        return result.MoveToImmutable();
    }

    private DemandTrip? Feeder(DemandTrip t, DateTimeOffset leave)
    {
        var (station, metres) = Nearest(t.Origin);
        if (metres < MinStationMetres) return null;
        // The bus needs the drive (straight line × 1.3 at 40 km/h), a pickup window and the buffer before the train.
        var earliest = leave + TimeSpan.FromSeconds(metres * 1.3 / (40 / 3.6)) + TimeSpan.FromMinutes(15) + Buffer;
        var (trip, st) = NextAt(station, earliest, departing: true);
        if (trip < 0) return null;
        var departs = _clock.ToInstant(_date, _tt.StopTimeDeparture(st));
        var train = Connection(TrainConnectionKind.Feeder, trip, station, departs);
        var deadline = departs - Buffer;
        return t with
        {
            Destination = StationPoint(station), EarliestPickup = null, LatestArrival = deadline, Train = train,
            RequestTime = t.RequestTime < deadline - TimeSpan.FromMinutes(45) ? t.RequestTime : deadline - TimeSpan.FromMinutes(45),
        };
    }

    private DemandTrip? RideHome(DemandTrip t, DateTimeOffset arriveBy)
    {
        var (station, metres) = Nearest(t.Destination);
        if (metres < MinStationMetres) return null;
        var (trip, st) = NextAt(station, arriveBy - TimeSpan.FromMinutes(40), departing: false);
        if (trip < 0) return null;
        var arrives = _clock.ToInstant(_date, _tt.StopTimeArrival(st));
        var train = Connection(TrainConnectionKind.RideHome, trip, station, arrives);
        var pickup = arrives + Buffer;
        return t with
        {
            Origin = StationPoint(station), EarliestPickup = pickup, LatestArrival = null, Train = train,
            RequestTime = t.RequestTime < pickup - TimeSpan.FromMinutes(30) ? t.RequestTime : pickup - TimeSpan.FromMinutes(30),
        };
    }

    private TrainConnection Connection(TrainConnectionKind kind, int trip, int station, DateTimeOffset scheduled) =>
        new(kind, _tt.TripId(trip), _date, _tt.StopId(station), scheduled, Buffer, _tt.RouteName(_tt.TripRoute(trip)));

    private GeoPoint StationPoint(int stop) => new(_tt.StopLatitude(stop), _tt.StopLongitude(stop));

    private (int Stop, double Metres) Nearest(GeoPoint p)
    {
        int best = -1;
        double metres = double.PositiveInfinity;
        foreach (int s in _stations)
        {
            double d = GeoMath.HaversineMetres(p, StationPoint(s));
            if (d < metres) (best, metres) = (s, d);
        }
        return (best, metres);
    }

    /// <summary>The first rail trip of the day leaving (boarding, not at its last stop) or reaching (alighting, not at its first) a stop at or after a time.</summary>
    private (int Trip, int StopTime) NextAt(int stop, DateTimeOffset notBefore, bool departing)
    {
        int after = (int)Math.Ceiling((notBefore - _clock.DayStart(_date)).TotalSeconds);
        (int Trip, int StopTime, int Time) best = (-1, -1, int.MaxValue);
        for (int trip = 0; trip < _tt.TripCount; trip++)
        {
            if (!_tt.Runs(trip, _date.DayNumber) || !JourneyPlanner.IsRail(_tt.RouteType(_tt.TripRoute(trip)))) continue;
            int first = _tt.TripStart(trip), last = _tt.TripEnd(trip) - 1;
            for (int st = first; st <= last; st++)
            {
                if (_tt.StopTimeStop(st) != stop) continue;
                if (departing ? st == last || !_tt.CanBoard(st) : st == first || !_tt.CanAlight(st)) continue;
                int time = departing ? _tt.StopTimeDeparture(st) : _tt.StopTimeArrival(st);
                if (time >= after && time < best.Time) best = (trip, st, time);
            }
        }
        return (best.Trip, best.StopTime);
    }

    /// <summary>Late trains with the instant their delay becomes known (before they leave their first stop).</summary>
    public IEnumerable<(int Trip, DateTimeOffset At)> Announcements()
    {
        foreach (var (trip, _) in _delays.OrderBy(d => d.Key))
            yield return (trip, _clock.ToInstant(_date, _tt.StopTimeDeparture(_tt.TripStart(trip))) - TimeSpan.FromMinutes(_s.AnnounceLeadMin));
    }

    /// <summary>A late train's status at each of its stops (the whole trip runs late by its delay).</summary>
    public IReadOnlyList<TrainStatus> StatusesOf(int trip)
    {
        var delay = _delays.GetValueOrDefault(trip);
        var list = new List<TrainStatus>();
        for (int st = _tt.TripStart(trip); st < _tt.TripEnd(trip); st++)
            list.Add(new TrainStatus(_tt.TripId(trip), _date, _tt.StopId(_tt.StopTimeStop(st)), delay));
        return list;
    }

    /// <summary>The train's delay when it is already known at <paramref name="now"/> (announced), else null.</summary>
    public TimeSpan? KnownDelay(TrainConnection train, DateTimeOffset now)
    {
        int trip = _tt.TripIndex(train.TripId);
        if (trip < 0 || !_delays.TryGetValue(trip, out var delay)) return null;
        var announced = _clock.ToInstant(_date, _tt.StopTimeDeparture(_tt.TripStart(trip))) - TimeSpan.FromMinutes(_s.AnnounceLeadMin);
        return announced <= now ? delay : null;
    }

    /// <summary>The train's real delay (zero for a train on time).</summary>
    public TimeSpan DelayOf(TrainConnection train)
    {
        int trip = _tt.TripIndex(train.TripId);
        return trip >= 0 ? _delays.GetValueOrDefault(trip) : TimeSpan.Zero;
    }
}
