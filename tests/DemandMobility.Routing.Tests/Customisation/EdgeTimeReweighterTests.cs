using DemandMobility.Routing.Customisation;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Search;
using DemandMobility.Routing.Tests.Query;
using Xunit;

namespace DemandMobility.Routing.Tests.Customisation;

/// <summary>Re-weighting the real region's hierarchy with other edge times: answers equal a plain Dijkstra on the new times.</summary>
public sealed class EdgeTimeReweighterTests
{
    [Fact]
    public void A_reweighted_router_answers_like_dijkstra_on_the_new_times()
    {
        var router = RealRegion.Router;
        var g = router.Graph;
        var seconds = new float[g.EdgeCount];
        for (int e = 0; e < seconds.Length; e++)
            seconds[e] = g.EdgeDurationMs[e] / 1000f * (g.EdgeRoadClass[e] == (byte)RoadClass.Tertiary ? 1.25f : 1f);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var reweighted = EdgeTimeReweighter.WithEdgeTravelTimes(router, seconds);
        watch.Stop();
        Assert.Same(g.EdgeTarget, reweighted.Graph.EdgeTarget); // the roads are shared, only the metric is new
        var dijkstra = new Dijkstra(reweighted.Graph);
        var random = new Random(17);
        int compared = 0;
        while (compared < 200)
        {
            int s = random.Next(g.NodeCount), t = random.Next(g.NodeCount);
            if (!g.InMainComponent[s] || !g.InMainComponent[t]) continue;
            var expected = dijkstra.Route(s, t);
            long w = reweighted.NodeWeight(s, t);
            Assert.Equal(expected.DurationMs, Routing.Query.PathWeight.DurationMs(w));
            compared++;
        }
        // Contraction of this region is well under a few seconds even on a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"re-weighting took {watch.Elapsed}");
    }

    [Fact]
    public void Bad_times_are_refused_with_the_edge_named()
    {
        var router = RealRegion.Router;
        var seconds = new float[router.Graph.EdgeCount];
        Array.Fill(seconds, 1f);
        seconds[3] = float.NaN;
        var e = Assert.Throws<ArgumentException>(() => EdgeTimeReweighter.WithEdgeTravelTimes(router, seconds));
        Assert.Contains("Edge 3", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => EdgeTimeReweighter.WithEdgeTravelTimes(router, new float[2]));
    }
}
