using Request = DemandMobility.Optimization.Model.Request;
using System.Collections.Immutable;
using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using DemandMobility.Routing;
using DemandMobility.Routing.Geometry;
using DemandMobility.Simulator.Demand;

namespace DemandMobility.Benchmarks;

/// <summary>
/// A static Sprinti-style day (on-demand minibuses of Region Hannover: 4,000–6,000 trips, about 120 vehicles) on a real
/// road network, as an optimiser instance: trips from the simulator's demand model (gravity model over the extract's
/// settlements and POIs, rural weekday time profile), gathered at virtual stops (one per grid cell of
/// <see cref="StopCellMetres"/>, as on-demand services board at virtual stops), travel times and distances from the
/// router's many-to-many table, windows and ride limits by the usual on-demand rules.
/// </summary>
/// <remarks>
/// Rules: a departure request may be picked up up to <see cref="PickupWindowSeconds"/> after its requested time; an
/// arrive-by request must arrive in the <see cref="PickupWindowSeconds"/> before its latest arrival; the ride may take
/// 1.5 × direct + 10 min; one minute to board and one to alight. Vehicles: 8 seats and one wheelchair place, all from one
/// depot (the stop nearest to the stops' centroid), shift 05:00–24:00. Trips whose stops the router cannot connect
/// (either way, or to the depot) are left out and counted.
/// </remarks>
internal static class SprintiDayGenerator
{
    public const double StopCellMetres = 250;
    public const double PickupWindowSeconds = 20 * 60;
    private const double ServiceSeconds = 60, ShiftStart = 5 * 3600, ShiftEnd = 24 * 3600;

    /// <summary>The generated instance and how many trips of the demand model it had to leave out.</summary>
    public sealed record Day(BenchmarkInstance Instance, ImmutableArray<GeoCoordinate> Stops, int Dropped);

    public static Day Generate(string pbfPath, RoadRouter router, int requests, int vehicles, int seed)
    {
        var dayStart = new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero);
        var demand = DemandBuilder.Build(new DemandSettings { TripsPerDay = requests },
            new DemandContext(pbfPath, dayStart, seed, Path.GetDirectoryName(Path.GetFullPath(pbfPath))!, null));

        // Virtual stops: one per grid cell, at the first point that falls in it.
        var stopOf = new Dictionary<(long, long), int>();
        var stops = new List<GeoCoordinate>();
        int StopFor(double lat, double lon)
        {
            double latStep = StopCellMetres / 111_320.0, lonStep = latStep / Math.Cos(lat * Math.PI / 180);
            var cell = ((long)Math.Floor(lat / latStep), (long)Math.Floor(lon / lonStep));
            if (!stopOf.TryGetValue(cell, out int k))
            {
                k = stops.Count;
                stopOf[cell] = k;
                stops.Add(new GeoCoordinate(lat, lon));
            }
            return k;
        }
        var trips = demand.Trips.Where(t => t.Kind == TripKind.Passenger).Take(requests).ToList();
        var ends = trips.Select(t => (StopFor(t.Origin.Latitude, t.Origin.Longitude), StopFor(t.Destination.Latitude, t.Destination.Longitude))).ToList();
        double cLat = stops.Average(s => s.Latitude), cLon = stops.Average(s => s.Longitude);
        int depot = 0;
        for (int k = 1; k < stops.Count; k++)
            if (Sq(stops[k], cLat, cLon) < Sq(stops[depot], cLat, cLon)) depot = k;

        var table = router.Table(new TableRequest(stops));
        int n = stops.Count;
        var durations = new double[n * n];
        var distances = new double[n * n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                // Unconnected pairs get a prohibitive time, so that no route uses them.
                durations[a * n + b] = table.DurationSeconds(a, b) ?? 1e7;
                distances[a * n + b] = table.DistanceMetres(a, b) ?? 1e8;
            }
        var matrix = new DenseTravelMatrix(n, durations, distances);

        var list = ImmutableArray.CreateBuilder<Request>();
        var pickupIds = ImmutableArray.CreateBuilder<int>();
        var deliveryIds = ImmutableArray.CreateBuilder<int>();
        int dropped = 0;
        for (int i = 0; i < trips.Count; i++)
        {
            var t = trips[i];
            var (from, to) = ends[i];
            if (from == to || !table.IsReachable(from, to) || !table.IsReachable(depot, from) || !table.IsReachable(to, depot))
            {
                dropped++;
                continue;
            }
            double direct = matrix.Duration(from, to);
            double maxRide = RideTimeLimit.FromDetourFactor(direct, 1.5, 600);
            TimeWindow pickup, delivery;
            if (t.LatestArrival is { } latest)
            {
                double l = (latest - dayStart).TotalSeconds;
                delivery = new TimeWindow(l - PickupWindowSeconds, l);
                pickup = new TimeWindow(l - PickupWindowSeconds - maxRide - ServiceSeconds, l - direct - ServiceSeconds);
            }
            else
            {
                double e = ((t.EarliestPickup ?? t.RequestTime) - dayStart).TotalSeconds;
                pickup = new TimeWindow(e, e + PickupWindowSeconds);
                delivery = new TimeWindow(e + ServiceSeconds + direct, e + PickupWindowSeconds + ServiceSeconds + maxRide);
            }
            if (pickup.Earliest < ShiftStart + matrix.Duration(depot, from) || delivery.Latest > ShiftEnd - matrix.Duration(to, depot) - ServiceSeconds)
            {
                dropped++; // outside the service hours
                continue;
            }
            list.Add(new Request($"trip-{t.Id}", RequestKind.Passenger, from, to, pickup, delivery, ServiceSeconds, ServiceSeconds,
                new LoadVector(Math.Max(1, t.Passengers), t.WheelchairPlaces), maxRide, MustServe: false));
            pickupIds.Add(from);
            deliveryIds.Add(to);
        }
        var fleet = ImmutableArray.CreateBuilder<Vehicle>();
        for (int v = 0; v < vehicles; v++)
            fleet.Add(new Vehicle($"bus-{v + 1:D3}", depot, depot, new TimeWindow(ShiftStart, ShiftEnd), new LoadVector(8, 1)));
        var problem = new Problem(fleet.ToImmutable(), list.ToImmutable(), matrix, new ObjectiveWeights(Distance: 1, Unserved: 1e6, FixedCost: 0));
        var instance = new BenchmarkInstance($"sprinti-{requests}-{vehicles}-s{seed}", BenchmarkFamily.Darp, problem,
            pickupIds.ToImmutable(), deliveryIds.ToImmutable(), depot, depot, Enumerable.Range(0, n).ToImmutableArray());
        return new Day(instance, [.. stops], dropped);
    }

    private static double Sq(GeoCoordinate p, double lat, double lon) =>
        (p.Latitude - lat) * (p.Latitude - lat) + (p.Longitude - lon) * (p.Longitude - lon);
}
