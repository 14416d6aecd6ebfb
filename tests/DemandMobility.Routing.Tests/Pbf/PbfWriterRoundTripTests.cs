using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Tests.TestMaps;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Routing.Tests.Pbf;

public class PbfWriterRoundTripTests
{
    private static readonly string[] Words = ["highway", "residential", "name", "Bärnreuth", "", "place", "village", "a;b", "ß€"];

    /// <summary>A random element list, deterministic for the seed; spans several blocks when large.</summary>
    private static List<OsmElement> RandomElements(int seed, int count)
    {
        var random = new Random(seed);
        OsmTags Tags()
        {
            int n = random.Next(4);
            var keys = new string[n];
            var values = new string[n];
            for (int i = 0; i < n; i++)
            {
                keys[i] = Words[random.Next(Words.Length)] + i; // distinct keys
                values[i] = Words[random.Next(Words.Length)];
            }
            return new OsmTags(keys, values);
        }
        var list = new List<OsmElement>();
        long id = random.Next(-5, 5);
        for (int i = 0; i < count; i++)
            list.Add(new OsmNode(id += random.Next(1, 1000), random.Next(-900_000_000, 900_000_001), random.Next(-1_800_000_000, 1_800_000_001), Tags()));
        for (int i = 0; i < count / 3; i++)
        {
            var refs = new long[random.Next(1, 12)];
            for (int k = 0; k < refs.Length; k++)
                refs[k] = random.NextInt64(-1000, 1L << 40);
            list.Add(new OsmWay(random.NextInt64(1, 1L << 40), refs, Tags()));
        }
        for (int i = 0; i < count / 10; i++)
        {
            var members = new OsmMember[random.Next(0, 5)];
            for (int k = 0; k < members.Length; k++)
                members[k] = new OsmMember((OsmMemberType)random.Next(3), random.NextInt64(1, 1L << 40), Words[random.Next(Words.Length)]);
            list.Add(new OsmRelation(random.NextInt64(1, 1L << 40), members, Tags()));
        }
        return list;
    }

    private static void AssertSame(OsmElement expected, OsmElement actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Tags.Pairs(), actual.Tags.Pairs());
        switch (expected)
        {
            case OsmNode n:
                Assert.Equal(n.LatitudeE7, ((OsmNode)actual).LatitudeE7);
                Assert.Equal(n.LongitudeE7, ((OsmNode)actual).LongitudeE7);
                break;
            case OsmWay w:
                Assert.Equal(w.NodeIds, ((OsmWay)actual).NodeIds);
                break;
            case OsmRelation r:
                Assert.Equal(r.Members, ((OsmRelation)actual).Members);
                break;
        }
    }

    private static List<OsmElement> RoundTrip(List<OsmElement> elements, PbfCompression compression)
    {
        string path = TestPaths.TempFile();
        try
        {
            using (var writer = new PbfWriter(path, compression))
                foreach (var e in elements)
                    writer.Write(e);
            using var reader = PbfReader.Open(path);
            return reader.ReadElements().ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Random_elements_survive_a_round_trip()
    {
        var gen = Gen.Choose(0, 1_000_000).Zip(Gen.Choose(0, 60));
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (seed, count) = t;
            var elements = RandomElements(seed, count);
            var back = RoundTrip(elements, seed % 2 == 0 ? PbfCompression.Zlib : PbfCompression.None);
            Assert.Equal(elements.Count, back.Count);
            for (int i = 0; i < elements.Count; i++)
                AssertSame(elements[i], back[i]);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void Large_element_lists_span_several_blocks()
    {
        var elements = RandomElements(7, 20_000);
        var back = RoundTrip(elements, PbfCompression.Zlib);
        Assert.Equal(elements.Count, back.Count);
        for (int i = 0; i < elements.Count; i += 97)
            AssertSame(elements[i], back[i]);
    }
}
