using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Tests.TestMaps;
using Xunit;

namespace DemandMobility.Routing.Tests.Pbf;

public class PbfReaderTests
{
    private sealed record Counts(int Nodes, int TaggedNodes, int Ways, int Relations, int MinLat, int MaxLat, int MinLon, int MaxLon, int RelationMembers);

    private static Counts ReadAll(string path)
    {
        int nodes = 0, tagged = 0, ways = 0, relations = 0, members = 0;
        int minLat = int.MaxValue, maxLat = int.MinValue, minLon = int.MaxValue, maxLon = int.MinValue;
        using var reader = PbfReader.Open(path);
        foreach (var element in reader.ReadElements())
        {
            switch (element)
            {
                case OsmNode n:
                    nodes++;
                    if (n.Tags.Count > 0) tagged++;
                    minLat = Math.Min(minLat, n.LatitudeE7); maxLat = Math.Max(maxLat, n.LatitudeE7);
                    minLon = Math.Min(minLon, n.LongitudeE7); maxLon = Math.Max(maxLon, n.LongitudeE7);
                    break;
                case OsmWay w:
                    ways++;
                    Assert.NotEmpty(w.NodeIds);
                    break;
                case OsmRelation r:
                    relations++;
                    members += r.Members.Length;
                    break;
            }
        }
        return new Counts(nodes, tagged, ways, relations, minLat, maxLat, minLon, maxLon, members);
    }

    [Fact]
    public void Reads_north_bayreuth_fully_with_a_plausible_bounding_box()
    {
        var c = ReadAll(TestPaths.NorthBayreuth);
        Assert.True(c.Nodes > 10_000, $"nodes {c.Nodes}");
        Assert.True(c.TaggedNodes > 100);
        Assert.True(c.Ways > 1_000);
        Assert.True(c.Relations > 10);
        Assert.True(c.RelationMembers > c.Relations);
        // North of Bayreuth: around 50.0 N, 11.55 E.
        Assert.InRange(c.MinLat * 1e-7, 49.8, 50.1);
        Assert.InRange(c.MaxLat * 1e-7, 49.9, 50.2);
        Assert.InRange(c.MinLon * 1e-7, 11.3, 11.6);
        Assert.InRange(c.MaxLon * 1e-7, 11.5, 11.8);
    }

    [Fact]
    public void Reads_hoyerswerda_fully_with_a_plausible_bounding_box()
    {
        var c = ReadAll(TestPaths.Hoyerswerda);
        Assert.True(c.Nodes > 1_000, $"nodes {c.Nodes}");
        Assert.True(c.Ways > 100);
        // Hoyerswerda, Saxony: around 51.44 N, 14.25 E.
        Assert.InRange(c.MinLat * 1e-7, 51.2, 51.5);
        Assert.InRange(c.MaxLat * 1e-7, 51.4, 51.7);
        Assert.InRange(c.MinLon * 1e-7, 14.0, 14.3);
        Assert.InRange(c.MaxLon * 1e-7, 14.2, 14.5);
    }

    [Fact]
    public void Header_names_required_features()
    {
        using var reader = PbfReader.Open(TestPaths.NorthBayreuth);
        Assert.Contains("OsmSchema-V0.6", reader.Header.RequiredFeatures);
    }

    [Fact]
    public void Reader_streams_once()
    {
        using var reader = PbfReader.Open(TestPaths.Hoyerswerda);
        Assert.NotNull(reader.ReadElements().First());
        Assert.Throws<InvalidOperationException>(() => reader.ReadElements().First());
    }
}
