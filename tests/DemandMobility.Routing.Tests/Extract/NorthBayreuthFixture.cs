using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Tests.TestMaps;

namespace DemandMobility.Routing.Tests.Extract;

/// <summary>The north-bayreuth graph and its village/town nodes by name, built once for the class.</summary>
public sealed class NorthBayreuthFixture
{
    public NorthBayreuthFixture()
    {
        Result = GraphExtractor.Extract(TestPaths.NorthBayreuth);
        using var reader = PbfReader.Open(TestPaths.NorthBayreuth);
        foreach (var e in reader.ReadElements())
            if (e is OsmNode { Tags: var t } n && t["place"] is "village" or "town" && t["name"] is { } name)
                Places[name] = n;
    }

    public ExtractionResult Result { get; }

    public Dictionary<string, OsmNode> Places { get; } = new();
}
