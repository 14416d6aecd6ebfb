using Xunit;
using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Query;
using FsCheck;
using FsCheck.Fluent;

namespace DemandMobility.Routing.Tests.Contraction;

public class HierarchyCorrectnessTests
{
    [Fact]
    public void Node_to_node_weights_equal_dijkstra_on_a_random_grid()
    {
        var g = TestNetworks.RandomGrid(25, 20, seed: 7);
        var router = RoadRouter.BuildNodeBased(g);
        var rnd = new Random(11);
        int compared = 0, reachable = 0;
        for (int s = 0; s < 12; s++)
        {
            int source = rnd.Next(g.NodeCount);
            var reference = ReferenceDijkstra.From(g, source);
            for (int k = 0; k < 100; k++)
            {
                int target = rnd.Next(g.NodeCount);
                Assert.Equal(reference[target], router.NodeWeight(source, target));
                compared++;
                if (reference[target] < PathWeight.Infinity) reachable++;
            }
        }
        Assert.Equal(1200, compared);
        Assert.True(reachable > 600, $"only {reachable} reachable pairs; the test graph is too sparse to be meaningful");
    }

    [Fact]
    public void Property_hierarchy_preserves_all_shortest_path_weights_on_random_small_graphs()
    {
        var gen = from w in Gen.Choose(2, 9)
                  from h in Gen.Choose(2, 9)
                  from seed in Gen.Choose(0, 1_000_000)
                  select (w, h, seed);
        Prop.ForAll(Arb.From(gen), t =>
        {
            var g = TestNetworks.RandomGrid(t.w, t.h, t.seed);
            var router = RoadRouter.BuildNodeBased(g, contraction: new ContractionOptions(SimulationSettledLimit: 5, ContractionSettledLimit: 8));
            for (int s = 0; s < g.NodeCount; s++)
            {
                var reference = ReferenceDijkstra.From(g, s);
                for (int target = 0; target < g.NodeCount; target++)
                    if (reference[target] != router.NodeWeight(s, target)) return false;
            }
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Every_node_gets_a_distinct_rank_and_arcs_point_upward()
    {
        var g = TestNetworks.RandomGrid(15, 15, seed: 3);
        var ch = HierarchyBuilder.Build(g);
        Assert.Equal(g.NodeCount, ch.Rank.Distinct().Count());
        for (int v = 0; v < ch.NodeCount; v++)
        {
            for (int a = ch.UpFirst[v]; a < ch.UpFirst[v + 1]; a++) Assert.True(ch.Rank[ch.UpTarget[a]] > ch.Rank[v]);
            for (int a = ch.DownFirst[v]; a < ch.DownFirst[v + 1]; a++) Assert.True(ch.Rank[ch.DownSource[a]] > ch.Rank[v]);
        }
    }
}
