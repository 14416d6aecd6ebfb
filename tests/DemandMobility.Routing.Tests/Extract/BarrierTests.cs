using DemandMobility.Routing.Tests.TestMaps;
using Xunit;

namespace DemandMobility.Routing.Tests.Extract;

public class BarrierTests
{
    [Theory]
    [InlineData("bollard", null, false)]
    [InlineData("bollard", "psv=yes", true)]
    [InlineData("block", null, false)]
    [InlineData("gate", null, true)]
    [InlineData("lift_gate", null, true)]
    [InlineData("cattle_grid", null, true)]
    [InlineData("gate", "access=private", true)] // only blocking barrier types consult node access
    public void Barrier_on_the_road(string barrier, string? access, bool passable)
    {
        var map = new TinyMap("""
            a b c

              d
            """);
        map.Way("abc", ("highway", "residential"));
        map.Way("adc", ("highway", "residential"));
        var tags = new List<(string, string)> { ("barrier", barrier) };
        if (access is not null)
        {
            var kv = access.Split('=');
            tags.Add((kv[0], kv[1]));
        }
        map.NodeTags('b', tags.ToArray());
        var g = map.Build();
        Assert.Equal(passable ? "abc" : "adc", g.Route('a', 'c')!.Value.Letters);
        Assert.Equal(passable ? 0 : 1, g.Result.Statistics.BlockingBarriers);
    }
}
