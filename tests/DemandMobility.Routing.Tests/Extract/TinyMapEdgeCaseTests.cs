using DemandMobility.Routing.Tests.TestMaps;
using Xunit;

namespace DemandMobility.Routing.Tests.Extract;

public class TinyMapEdgeCaseTests
{
    [Fact]
    public void Via_way_restrictions_are_matched_to_edges()
    {
        var map = new TinyMap("a b c d");
        long ab = map.Way("ab", ("highway", "residential"));
        long bc = map.Way("bc", ("highway", "residential"));
        long cd = map.Way("cd", ("highway", "residential"));
        map.Relation(
        [
            new(DemandMobility.Routing.Pbf.OsmMemberType.Way, ab, "from"),
            new(DemandMobility.Routing.Pbf.OsmMemberType.Way, bc, "via"),
            new(DemandMobility.Routing.Pbf.OsmMemberType.Way, cd, "to"),
        ], ("type", "restriction"), ("restriction", "no_straight_on"));
        var g = map.Build();
        // The road graph keeps the movement (via-way restrictions act on the turn-aware graph only) ...
        Assert.Equal(1, g.Result.Statistics.ViaWayRestrictionsApplied);
        Assert.Equal(0, g.Result.Statistics.ViaWayRestrictionsIgnored);
        Assert.Equal(0, g.Result.Statistics.RestrictionsApplied);
        Assert.Equal("abcd", g.Route('a', 'd')!.Value.Letters);
        Assert.Single(g.Graph.ViaWayRestrictions);
    }

    [Fact]
    public void Restriction_naming_a_missing_way_is_counted_invalid()
    {
        var map = new TinyMap("a b c");
        long ab = map.Way("ab", ("highway", "residential"));
        map.Way("bc", ("highway", "residential"));
        map.Restriction("no_straight_on", ab, 'b', 999);
        var g = map.Build();
        Assert.Equal(1, g.Result.Statistics.RestrictionsInvalid);
        Assert.Equal("abc", g.Route('a', 'c')!.Value.Letters);
    }

    [Fact]
    public void Way_through_a_missing_node_is_cut_there()
    {
        // 'q' is not drawn: the node is absent from the file, as at the edge of a clipped extract.
        var map = new TinyMap("a b   c d");
        map.Way("abqcd", ("highway", "residential"));
        var g = map.Build();
        Assert.Equal(1, g.Result.Statistics.MissingNodeRefs);
        Assert.Equal("ab", g.Route('a', 'b')!.Value.Letters);
        Assert.Equal("cd", g.Route('c', 'd')!.Value.Letters);
        Assert.Null(g.Route('a', 'd'));
    }

    [Fact]
    public void Only_restriction_tagged_for_motorcar_applies_to_the_minibus_but_not_the_bus()
    {
        var map = new TinyMap("""
            a b c
              d
            """);
        long ab = map.Way("ab", ("highway", "residential"));
        map.Way("bc", ("highway", "residential"));
        long bd = map.Way("bd", ("highway", "residential"));
        map.Way("cd", ("highway", "residential"));
        map.Restriction("only_right_turn", ab, 'b', bd, type: "restriction:motorcar");
        Assert.Equal("abdc", map.Build().Route('a', 'c')!.Value.Letters);
        Assert.Equal("abc", map.Build(Routing.Profiles.VehicleProfiles.Bus).Route('a', 'c')!.Value.Letters);
    }

    [Fact]
    public void Loop_street_attached_at_one_junction_is_kept()
    {
        var map = new TinyMap("""
            a b c
              e d
            """);
        map.Way("ab", ("highway", "residential"));
        map.Way("bcdeb", ("highway", "residential")); // closed way starting and ending at the junction b
        var g = map.Build();
        var route = g.Route('a', 'd');
        Assert.NotNull(route);
        Assert.Contains(route.Value.Letters, new[] { "abcd", "abed" });
        // The loop's middle point d became a graph node: b -> c -> d and d -> e -> b are edges (both 150 m).
        Assert.NotEmpty(g.NodesOf('d'));
        Assert.Empty(g.NodesOf('c'));
        Assert.Equal(3, g.Graph.NodeCount);
        Assert.Contains(g.Route('d', 'b')!.Value.Letters, new[] { "dcb", "deb" });
    }
}
