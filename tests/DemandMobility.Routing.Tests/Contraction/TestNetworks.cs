using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Tests.Contraction;

/// <summary>Builds small in-memory road graphs for router tests (no PBF needed).</summary>
internal sealed class TestNetworkBuilder
{
    private readonly List<(int Lat, int Lon)> _nodes = new();
    private readonly List<(int From, int To, int DurationMs, int DistanceDm, (int Lat, int Lon)[] Shape)> _edges = new();

    public (double Lat, double Lon) NodeDegrees(int v) => (_nodes[v].Lat * 1e-7, _nodes[v].Lon * 1e-7);

    public int AddNode(double lat, double lon)
    {
        _nodes.Add(((int)Math.Round(lat * 1e7), (int)Math.Round(lon * 1e7)));
        return _nodes.Count - 1;
    }

    /// <summary>Adds a road; its distance is the shape length, its duration that length at the given speed.</summary>
    public void AddRoad(int a, int b, double speedKmh, bool oneway = false, params (double Lat, double Lon)[] shape)
    {
        var pts = shape.Select(p => ((int)Math.Round(p.Lat * 1e7), (int)Math.Round(p.Lon * 1e7))).ToArray();
        double metres = 0;
        var all = new List<(int Lat, int Lon)> { _nodes[a] };
        all.AddRange(pts);
        all.Add(_nodes[b]);
        for (int i = 1; i < all.Count; i++)
            metres += GeoMath.HaversineMetres(all[i - 1].Lat * 1e-7, all[i - 1].Lon * 1e-7, all[i].Lat * 1e-7, all[i].Lon * 1e-7);
        int dm = (int)Math.Round(metres * 10);
        int ms = Math.Max(1, (int)Math.Round(metres / (speedKmh / 3.6) * 1000));
        AddEdge(a, b, ms, dm, pts);
        if (!oneway) AddEdge(b, a, ms, dm, pts.Reverse().ToArray());
    }

    public void AddEdge(int a, int b, int durationMs, int distanceDm, (int Lat, int Lon)[]? shape = null) =>
        _edges.Add((a, b, durationMs, distanceDm, shape ?? []));

    public RoadGraph Build()
    {
        int n = _nodes.Count;
        var order = Enumerable.Range(0, _edges.Count).OrderBy(i => _edges[i].From).ThenBy(i => i).ToArray();
        var first = new int[n + 1];
        foreach (var e in _edges) first[e.From + 1]++;
        for (int v = 0; v < n; v++) first[v + 1] += first[v];
        int m = _edges.Count;
        var target = new int[m];
        var dur = new int[m];
        var dist = new int[m];
        var cls = new byte[m];
        var shapeStart = new int[m + 1];
        var shapeLat = new List<int>();
        var shapeLon = new List<int>();
        for (int k = 0; k < m; k++)
        {
            var e = _edges[order[k]];
            target[k] = e.To; dur[k] = e.DurationMs; dist[k] = e.DistanceDm; cls[k] = (byte)RoadClass.Residential;
            shapeStart[k] = shapeLat.Count;
            foreach (var p in e.Shape) { shapeLat.Add(p.Lat); shapeLon.Add(p.Lon); }
        }
        shapeStart[m] = shapeLat.Count;
        var lats = _nodes.Select(p => p.Lat).ToArray();
        var lons = _nodes.Select(p => p.Lon).ToArray();
        var main = LargestStrongComponent(n, first, target);
        return new RoadGraph(lats, lons, first, target, dur, dist, cls, shapeStart, shapeLat.ToArray(), shapeLon.ToArray(), main);
    }

    /// <summary>Kosaraju with explicit stacks.</summary>
    private static bool[] LargestStrongComponent(int n, int[] first, int[] target)
    {
        var revFirst = new int[n + 1];
        for (int e = 0; e < target.Length; e++) revFirst[target[e] + 1]++;
        for (int v = 0; v < n; v++) revFirst[v + 1] += revFirst[v];
        var fill = (int[])revFirst.Clone();
        var revTarget = new int[target.Length];
        for (int v = 0; v < n; v++)
            for (int e = first[v]; e < first[v + 1]; e++) revTarget[fill[target[e]]++] = v;

        var visited = new bool[n];
        var finish = new List<int>(n);
        var stack = new Stack<(int V, int Next)>();
        for (int s = 0; s < n; s++)
        {
            if (visited[s]) continue;
            visited[s] = true;
            stack.Push((s, first[s]));
            while (stack.Count > 0)
            {
                var (v, next) = stack.Pop();
                if (next < first[v + 1])
                {
                    stack.Push((v, next + 1));
                    int t = target[next];
                    if (!visited[t]) { visited[t] = true; stack.Push((t, first[t])); }
                }
                else finish.Add(v);
            }
        }
        var comp = Enumerable.Repeat(-1, n).ToArray();
        var sizes = new List<int>();
        var st = new Stack<int>();
        for (int i = n - 1; i >= 0; i--)
        {
            int s = finish[i];
            if (comp[s] >= 0) continue;
            int c = sizes.Count;
            sizes.Add(0);
            comp[s] = c;
            st.Push(s);
            while (st.Count > 0)
            {
                int v = st.Pop();
                sizes[c]++;
                for (int e = revFirst[v]; e < revFirst[v + 1]; e++)
                {
                    int u = revTarget[e];
                    if (comp[u] < 0) { comp[u] = c; st.Push(u); }
                }
            }
        }
        int best = sizes.Count == 0 ? -1 : sizes.IndexOf(sizes.Max());
        return comp.Select(c => c == best).ToArray();
    }
}

/// <summary>Random test networks.</summary>
internal static class TestNetworks
{
    public const double BaseLat = 50.0, BaseLon = 11.6;

    /// <summary>
    /// A jittered grid of width × height junctions ~200 m apart; each neighbour link exists with probability
    /// 0.85, is one-way with probability 0.2, has a random speed and sometimes a bent shape; some diagonals.
    /// Durations follow from the speeds, so many equal-duration ties are unlikely but possible.
    /// </summary>
    public static RoadGraph RandomGrid(int width, int height, int seed)
    {
        var rnd = new Random(seed);
        var b = new TestNetworkBuilder();
        double step = 0.0018;
        var id = new int[width, height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                id[x, y] = b.AddNode(BaseLat + y * step + (rnd.NextDouble() - 0.5) * step * 0.4, BaseLon + x * step * 1.5 + (rnd.NextDouble() - 0.5) * step * 0.4);
        double[] speeds = [30, 50, 70, 100];
        void Link(int p, int q)
        {
            if (rnd.NextDouble() > 0.85) return;
            bool oneway = rnd.NextDouble() < 0.2;
            if (oneway && rnd.Next(2) == 0) (p, q) = (q, p);
            var shape = rnd.NextDouble() < 0.3 ? new[] { NodeMid(b, p, q, rnd) } : Array.Empty<(double, double)>();
            b.AddRoad(p, q, speeds[rnd.Next(speeds.Length)], oneway, shape);
        }
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                if (x + 1 < width) Link(id[x, y], id[x + 1, y]);
                if (y + 1 < height) Link(id[x, y], id[x, y + 1]);
                if (x + 1 < width && y + 1 < height && rnd.NextDouble() < 0.15) Link(id[x, y], id[x + 1, y + 1]);
            }
        return b.Build();
    }

    private static (double, double) NodeMid(TestNetworkBuilder b, int p, int q, Random rnd)
    {
        var (pl, po) = b.NodeDegrees(p);
        var (ql, qo) = b.NodeDegrees(q);
        return ((pl + ql) / 2 + (rnd.NextDouble() - 0.5) * 0.0004, (po + qo) / 2 + (rnd.NextDouble() - 0.5) * 0.0004);
    }
}
