using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Search;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Routing.Tests.Search;

public class DijkstraTests
{
    /// <summary>A random directed graph in CSR form (no shapes), deterministic for the seed.</summary>
    internal static RoadGraph RandomGraph(int seed, int nodes, int edges)
    {
        var random = new Random(seed);
        var list = new List<(int S, int T, int D, int L)>();
        for (int i = 0; i < edges; i++)
            list.Add((random.Next(nodes), random.Next(nodes), random.Next(1, 1000), random.Next(0, 5000)));
        list.Sort((a, b) => a.S.CompareTo(b.S));
        var first = new int[nodes + 1];
        foreach (var e in list) first[e.S + 1]++;
        for (int v = 0; v < nodes; v++) first[v + 1] += first[v];
        return new RoadGraph(new int[nodes], new int[nodes], first,
            list.Select(e => e.T).ToArray(), list.Select(e => e.D).ToArray(), list.Select(e => e.L).ToArray(),
            new byte[edges], new int[edges + 1], [], [], new bool[nodes]);
    }

    /// <summary>Bellman-Ford: the simplest correct reference for shortest durations.</summary>
    private static long[] BellmanFord(RoadGraph g, int source)
    {
        var d = Enumerable.Repeat(long.MaxValue, g.NodeCount).ToArray();
        d[source] = 0;
        for (int round = 0; round < g.NodeCount; round++)
        {
            bool changed = false;
            for (int v = 0; v < g.NodeCount; v++)
            {
                if (d[v] == long.MaxValue) continue;
                for (int e = g.FirstEdge[v]; e < g.FirstEdge[v + 1]; e++)
                    if (d[v] + g.EdgeDurationMs[e] < d[g.EdgeTarget[e]])
                    {
                        d[g.EdgeTarget[e]] = d[v] + g.EdgeDurationMs[e];
                        changed = true;
                    }
            }
            if (!changed) break;
        }
        return d;
    }

    [Fact]
    public void One_to_all_matches_bellman_ford_on_random_graphs()
    {
        var gen = Gen.Choose(0, 100_000).Zip(Gen.Choose(1, 40));
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (seed, n) = t;
            var g = RandomGraph(seed, n, n * 3);
            var dijkstra = new Dijkstra(g);
            for (int source = 0; source < Math.Min(n, 5); source++)
            {
                var expected = BellmanFord(g, source);
                var all = dijkstra.OneToAll(source);
                for (int v = 0; v < n; v++)
                {
                    long want = expected[v] == long.MaxValue ? Dijkstra.Unreachable : expected[v];
                    Assert.Equal(want, all.DurationMs[v]);
                }
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Route_path_adds_up_to_its_duration_and_distance()
    {
        var gen = Gen.Choose(0, 100_000).Zip(Gen.Choose(2, 40));
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (seed, n) = t;
            var g = RandomGraph(seed, n, n * 3);
            var dijkstra = new Dijkstra(g);
            var all = dijkstra.OneToAll(0);
            int target = n - 1;
            var route = dijkstra.Route(0, target);
            Assert.Equal(all.DurationMs[target] != Dijkstra.Unreachable, route.Found);
            if (!route.Found)
                return;
            Assert.Equal(all.DurationMs[target], route.DurationMs);
            Assert.Equal(all.DistanceDm[target], route.DistanceDm);
            int v = 0;
            long duration = 0, distance = 0;
            foreach (int e in route.Edges)
            {
                Assert.Equal(v, g.EdgeSource(e));
                duration += g.EdgeDurationMs[e];
                distance += g.EdgeDistanceDm[e];
                v = g.EdgeTarget[e];
            }
            Assert.Equal(target, v);
            Assert.Equal(route.DurationMs, duration);
            Assert.Equal(route.DistanceDm, distance);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Route_to_itself_is_empty()
    {
        var g = RandomGraph(1, 5, 10);
        var route = new Dijkstra(g).Route(3, 3);
        Assert.True(route.Found);
        Assert.Equal(0, route.DurationMs);
        Assert.Empty(route.Edges);
    }
}
