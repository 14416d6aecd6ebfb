using System.Collections.Immutable;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Optimization.Tests.Properties;

/// <summary>
/// Small random dial-a-ride problems from a seed (FsCheck draws the seed): points in a 20 × 20 square,
/// windows that are sometimes tight, ride limits, capacities of 1–3 seats, optional route duration limits.
/// Requests are optional with a high unserved penalty so that every instance has a feasible solution.
/// </summary>
internal static class RandomInstances
{
    /// <param name="groups">Number of compatibility groups (0 = none): each request and vehicle then gets a
    /// random group "g0".."g(k-1)" or none, so some requests have no compatible vehicle.</param>
    public static Problem Create(int seed, int maxRequests, int maxVehicles, bool withFixedCost = true, int groups = 0)
    {
        var rng = new Random(seed);
        int n = rng.Next(1, maxRequests + 1), m = rng.Next(1, maxVehicles + 1);
        var points = new List<(double X, double Y)> { (10, 10) };
        for (int i = 0; i < 2 * n; i++) points.Add((rng.NextDouble() * 20, rng.NextDouble() * 20));
        var matrix = DenseTravelMatrix.Euclidean(points);
        const double horizon = 200;

        var requests = ImmutableArray.CreateBuilder<Request>(n);
        for (int r = 0; r < n; r++)
        {
            int pick = 1 + 2 * r, drop = 2 + 2 * r;
            double direct = matrix.Duration(pick, drop);
            var pickupWindow = new TimeWindow(0, horizon);
            var deliveryWindow = new TimeWindow(0, horizon);
            switch (rng.Next(3))
            {
                case 0:
                    double e = rng.NextDouble() * 120;
                    pickupWindow = new TimeWindow(e, e + 5 + rng.NextDouble() * 25);
                    break;
                case 1:
                    double d = 20 + rng.NextDouble() * 140;
                    deliveryWindow = new TimeWindow(d, d + 5 + rng.NextDouble() * 25);
                    break;
            }
            double maxRide = rng.Next(3) == 0 ? double.PositiveInfinity : direct * (1 + rng.NextDouble()) + rng.NextDouble() * 10;
            double service = rng.Next(3);
            requests.Add(new Request($"r{r}", RequestKind.Passenger, pick, drop, pickupWindow, deliveryWindow, service, service,
                new LoadVector(rng.Next(1, 3)), maxRide, Group: RandomGroup(rng, groups)));
        }

        var vehicles = ImmutableArray.CreateBuilder<Vehicle>(m);
        for (int v = 0; v < m; v++)
            vehicles.Add(new Vehicle($"v{v}", 0, 0, new TimeWindow(0, horizon), new LoadVector(rng.Next(1, 4)),
                FixedCost: withFixedCost ? rng.Next(0, 2) * 15 : 0,
                MaxRouteDuration: rng.Next(2) == 0 ? double.PositiveInfinity : 80 + rng.NextDouble() * 120,
                Group: RandomGroup(rng, groups)));

        var weights = new ObjectiveWeights(TravelTime: 0, Distance: 1, RideTime: 0, Waiting: 0, Unserved: 1000, FixedCost: 1);
        return new Problem(vehicles.MoveToImmutable(), requests.MoveToImmutable(), matrix, weights);
    }

    // Drawn only when groups are asked for, so that existing seeds keep producing the same instances.
    private static string? RandomGroup(Random rng, int groups)
    {
        if (groups <= 0) return null;
        int g = rng.Next(groups + 1);
        return g == groups ? null : $"g{g}";
    }
}
