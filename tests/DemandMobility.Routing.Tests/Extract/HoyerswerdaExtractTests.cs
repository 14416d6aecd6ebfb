using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Profiles;
using DemandMobility.Routing.Tests.TestMaps;
using Xunit;

namespace DemandMobility.Routing.Tests.Extract;

public class HoyerswerdaExtractTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void Extracts_a_connected_network_for_both_profiles()
    {
        var minibus = GraphExtractor.Extract(TestPaths.Hoyerswerda).Statistics;
        var bus = GraphExtractor.Extract(TestPaths.Hoyerswerda, VehicleProfiles.Bus).Statistics;
        foreach (var s in new[] { minibus, bus })
        {
            output.WriteLine(s.ToString());
            Assert.True(s.RoutableWays > 50, $"routable ways {s.RoutableWays}");
            Assert.True(s.GraphEdges > s.GraphNodes);
            // The extract is clipped around the town: a second piece (~90 nodes) joins the rest only outside it.
            Assert.True(s.MainComponentNodes > 0.6 * s.GraphNodes, $"main component {s.MainComponentNodes} of {s.GraphNodes}");
        }
    }
}
