using System.Globalization;
using System.Text;

namespace DemandMobility.Optimization.Instances;

/// <summary>
/// Writes random DARP instances the way Cordeau (2006, §5) built classes a and b, in the same file layout that
/// <see cref="DarpReader"/> reads (<c>benchmarks/README.md</c> §1), so the solver can be measured at sizes the public
/// sets do not cover (100–144 requests and more). No best-known cost exists for these files.
/// </summary>
/// <remarks>
/// Construction (Cordeau 2006; the public a/b files follow it, which we checked on their headers and windows):
/// depot at (0,0), every pickup and drop-off uniform in [-10,10]²; travel time = Euclidean distance. Class a: capacity 3,
/// one seat per request, service time 3, ride limit 30; class b: capacity 6, 1–6 seats uniform, service time = seats,
/// ride limit 45. Requests 1..n/2 ("outbound") have a window of width 15 at the drop-off, requests n/2+1..n
/// ("inbound") at the pickup; the other end keeps the dummy window [0, 1440]; both depot lines carry [0, T], and T is
/// also the maximum route duration. A pickup window opens in [0, T−60] as in the public files. Every window start is
/// drawn uniformly among the whole minutes that leave the request servable alone by a vehicle leaving the depot at 0
/// and back by T (direct ride), so each request is feasible on its own; the fleet is the caller's choice (the public
/// files use about one request per vehicle-hour: n = K·T/60).
/// </remarks>
public static class DarpGenerator
{
    private const double Side = 10.0;
    private const double WindowWidth = 15.0;
    private const double DummyLatest = 1440.0;
    private const double PickupOpensBeforeEnd = 60.0;

    /// <summary>Instance text for <paramref name="spec"/>; the same spec gives the same text.</summary>
    public static string Generate(DarpGeneratorSpec spec)
    {
        spec.Validate();
        var random = new Random(spec.Seed);
        int n = spec.Requests;
        double horizon = spec.RouteDuration;
        var (capacity, maxRide) = spec.Class == 'a' ? (3, 30.0) : (6, 45.0);

        var x = new double[2 * n + 2];
        var y = new double[2 * n + 2];
        for (int i = 1; i <= 2 * n; i++)
        {
            // Rounded to the 3 decimals written, so that the file and the distances below agree exactly.
            x[i] = Math.Round(random.NextDouble() * 2 * Side - Side, 3);
            y[i] = Math.Round(random.NextDouble() * 2 * Side - Side, 3);
        }
        double Dist(int a, int b) => Math.Sqrt((x[a] - x[b]) * (x[a] - x[b]) + (y[a] - y[b]) * (y[a] - y[b]));

        var seats = new int[n + 1];
        var pickupWindow = new (double E, double L)[n + 1];
        var dropWindow = new (double E, double L)[n + 1];
        for (int i = 1; i <= n; i++)
        {
            seats[i] = spec.Class == 'a' ? 1 : random.Next(1, capacity + 1);
            double service = spec.Class == 'a' ? 3 : seats[i];
            int p = i, d = n + i;
            double earliestDrop = Dist(0, p) + service + Dist(p, d);
            double tailAfterDrop = service + Dist(d, 2 * n + 1);
            if (i <= n / 2)
            {
                // Outbound: the drop-off window must be reachable from the depot and leave time to return by T.
                double start = DrawStart(random, Math.Ceiling(earliestDrop), Math.Floor(horizon - WindowWidth - tailAfterDrop), i);
                pickupWindow[i] = (0, DummyLatest);
                dropWindow[i] = (start, start + WindowWidth);
            }
            else
            {
                double latestPickup = horizon - WindowWidth - service - Dist(p, d) - tailAfterDrop;
                double start = DrawStart(random, Math.Ceiling(Dist(0, p)), Math.Floor(Math.Min(horizon - PickupOpensBeforeEnd, latestPickup)), i);
                pickupWindow[i] = (start, start + WindowWidth);
                dropWindow[i] = (0, DummyLatest);
            }
        }

        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"{spec.Vehicles} {n} {horizon} {capacity} {maxRide}\n");
        void Line(int id, int load, double service, (double E, double L) window) =>
            text.Append(inv, $"{id,3} {x[id],7:F3} {y[id],7:F3} {service} {load,2} {window.E,4} {window.L,4}\n");
        Line(0, 0, 0, (0, horizon));
        for (int i = 1; i <= n; i++) Line(i, seats[i], spec.Class == 'a' ? 3 : seats[i], pickupWindow[i]);
        for (int i = 1; i <= n; i++) Line(n + i, -seats[i], spec.Class == 'a' ? 3 : seats[i], dropWindow[i]);
        Line(2 * n + 1, 0, 0, (0, horizon));
        return text.ToString();
    }

    /// <summary>Uniform whole minute in [lo, hi]; an empty range means the route duration is too short for this request.</summary>
    private static double DrawStart(Random random, double lo, double hi, int request)
    {
        if (hi < lo)
            throw new ArgumentException($"route duration too short: request {request} cannot be served within it (window start range [{lo}, {hi}] is empty)");
        return random.Next((int)lo, (int)hi + 1);
    }
}
