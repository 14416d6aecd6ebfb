using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Learning;
using DemandMobility.Routing;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Search;

namespace DemandMobility.Dispatch.Tests.Learning;

/// <summary>
/// A drawn test world: an n × n grid of ~200 m blocks, east–west roads tertiary (50 km/h in the profile),
/// north–south roads residential (30 km/h), all two-way; and drives over it whose true times differ from the profile.
/// </summary>
internal static class GridWorld
{
    public const double LatStep = 0.0018, LonStep = 0.0028;

    public static RoadRouter Router(int n = 8)
    {
        var lat = new int[n * n];
        var lon = new int[n * n];
        var first = new int[n * n + 1];
        var target = new List<int>();
        var ms = new List<int>();
        var dm = new List<int>();
        var cls = new List<byte>();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                int v = i * n + j;
                lat[v] = (int)Math.Round((50.0 + i * LatStep) * 1e7);
                lon[v] = (int)Math.Round((11.5 + j * LonStep) * 1e7);
            }
        for (int v = 0; v < n * n; v++)
        {
            first[v] = target.Count;
            int i = v / n, j = v % n;
            foreach (var (di, dj) in new[] { (-1, 0), (0, -1), (0, 1), (1, 0) })
            {
                int a = i + di, b = j + dj;
                if (a < 0 || b < 0 || a >= n || b >= n) continue;
                int w = a * n + b;
                double metres = Routing.Geometry.GeoMath.HaversineMetres(lat[v] / 1e7, lon[v] / 1e7, lat[w] / 1e7, lon[w] / 1e7);
                bool eastWest = di == 0;
                double speed = (eastWest ? 50 : 30) / 3.6;
                target.Add(w);
                ms.Add((int)Math.Round(metres / speed * 1000));
                dm.Add((int)Math.Round(metres * 10));
                cls.Add((byte)(eastWest ? RoadClass.Tertiary : RoadClass.Residential));
            }
        }
        first[n * n] = target.Count;
        var inMain = new bool[n * n];
        Array.Fill(inMain, true);
        var graph = new RoadGraph(lat, lon, first, [.. target], [.. ms], [.. dm], [.. cls], new int[target.Count + 1], [], [], inMain);
        return RoadRouter.Build(graph);
    }

    /// <summary>
    /// Drives random fastest-profile paths where edge e truly takes profile × <paramref name="trueFactor"/>(class) ×
    /// a per-drive lognormal-ish noise, reporting a fix every <paramref name="interval"/> s with Gaussian noise, and
    /// feeds them to <paramref name="learning"/> (one vehicle per drive, cut at the end).
    /// </summary>
    public static void Drive(TravelTimeLearning learning, RoadGraph g, Random random, int drives, Func<RoadClass, double> trueFactor,
        double interval = 20, double noiseMetres = 5, double noiseCv = 0.1, DateTimeOffset? start = null)
    {
        var dijkstra = new Dijkstra(g);
        var clock0 = start ?? new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
        for (int k = 0; k < drives; k++)
        {
            int s = random.Next(g.NodeCount), t = random.Next(g.NodeCount);
            var path = dijkstra.Route(s, t);
            if (!path.Found || path.Edges.Length < 3) { k--; continue; }
            double noise = Math.Exp(noiseCv * Gaussian(random) - noiseCv * noiseCv / 2);
            string vehicle = "v" + k;
            double clock = 0, next = 0;
            foreach (int e in path.Edges)
            {
                double seconds = g.EdgeDurationMs[e] / 1000.0 * trueFactor((RoadClass)g.EdgeRoadClass[e]) * noise;
                int src = g.EdgeSource(e), dst = g.EdgeTarget[e];
                while (next <= clock + seconds)
                {
                    double f = (next - clock) / seconds;
                    double la = (g.LatitudesE7[src] + f * (g.LatitudesE7[dst] - g.LatitudesE7[src])) / 1e7;
                    double lo = (g.LongitudesE7[src] + f * (g.LongitudesE7[dst] - g.LongitudesE7[src])) / 1e7;
                    la += Gaussian(random) * noiseMetres / 111_320;
                    lo += Gaussian(random) * noiseMetres / (111_320 * Math.Cos(la * Math.PI / 180));
                    learning.Observe(vehicle, new GeoPoint(la, lo), clock0.AddSeconds(k * 3 + next));
                    next += interval;
                }
                clock += seconds;
            }
            learning.Cut(vehicle);
        }
    }

    public static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
