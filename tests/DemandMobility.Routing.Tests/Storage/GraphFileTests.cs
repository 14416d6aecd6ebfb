using DemandMobility.Routing.Storage;
using DemandMobility.Routing.Tests.Contraction;
using DemandMobility.Routing.Tests.Query;
using Xunit;

namespace DemandMobility.Routing.Tests.Storage;

public sealed class GraphFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dm-graphfile-tests-" + Guid.NewGuid().ToString("N"));

    public GraphFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly GraphSourceIdentity Identity = new(1234, 0xABCDEF, "minibus/test");

    private string WriteSample(out GraphFileContent content)
    {
        var router = RoadRouter.Build(TestNetworks.RandomGrid(12, 10, seed: 5));
        content = new GraphFileContent(Identity, router.Graph, router.Hierarchy);
        string path = Path.Combine(_dir, "sample.dmg");
        GraphFile.Write(path, content);
        return path;
    }

    [Fact]
    public void Round_trip_preserves_every_array_and_the_identity()
    {
        string path = WriteSample(out var written);
        var read = GraphFile.Read(path, Identity);
        Assert.Equal(GraphFileStatus.Ok, read.Status);
        var c = read.Content!;
        Assert.Equal(Identity, c.Source);
        Assert.Equal(written.Graph.LatitudesE7, c.Graph.LatitudesE7);
        Assert.Equal(written.Graph.FirstEdge, c.Graph.FirstEdge);
        Assert.Equal(written.Graph.EdgeDurationMs, c.Graph.EdgeDurationMs);
        Assert.Equal(written.Graph.EdgeRoadClass, c.Graph.EdgeRoadClass);
        Assert.Equal(written.Graph.ShapeLongitudesE7, c.Graph.ShapeLongitudesE7);
        Assert.Equal(written.Graph.InMainComponent, c.Graph.InMainComponent);
        Assert.Equal(written.Hierarchy.Rank, c.Hierarchy.Rank);
        Assert.Equal(written.Hierarchy.UpWeight, c.Hierarchy.UpWeight);
        Assert.Equal(written.Hierarchy.DownInfo, c.Hierarchy.DownInfo);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Truncated_file_is_detected_with_its_name()
    {
        string path = WriteSample(out _);
        var bytes = File.ReadAllBytes(path);
        foreach (int keep in new[] { 10, 40, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(path, bytes[..keep]);
            var read = GraphFile.Read(path, Identity);
            Assert.Equal(GraphFileStatus.Truncated, read.Status);
            Assert.Contains(path, read.Message);
            Assert.Null(read.Content);
        }
    }

    [Fact]
    public void Flipped_payload_byte_fails_the_checksum()
    {
        string path = WriteSample(out _);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 5] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var read = GraphFile.Read(path, Identity);
        Assert.Equal(GraphFileStatus.ChecksumMismatch, read.Status);
        Assert.Contains("damaged", read.Message);
    }

    [Fact]
    public void Other_format_version_and_foreign_files_are_rejected()
    {
        string path = WriteSample(out _);
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 99;
        File.WriteAllBytes(path, bytes);
        var read = GraphFile.Read(path, Identity);
        Assert.Equal(GraphFileStatus.WrongVersion, read.Status);
        Assert.Contains("version 99", read.Message);

        File.WriteAllText(path, "id,lon,lat\nthis is not a graph file at all, but long enough\n");
        Assert.Equal(GraphFileStatus.NotAGraphFile, GraphFile.Read(path).Status);
        Assert.Equal(GraphFileStatus.Missing, GraphFile.Read(Path.Combine(_dir, "nope.dmg")).Status);
    }

    [Fact]
    public void File_from_another_source_or_profile_is_stale()
    {
        string path = WriteSample(out _);
        Assert.Equal(GraphFileStatus.Stale, GraphFile.Read(path, Identity with { PbfChecksum = 1 }).Status);
        Assert.Equal(GraphFileStatus.Stale, GraphFile.Read(path, Identity with { PbfLength = 1 }).Status);
        var stale = GraphFile.Read(path, Identity with { Profile = "minibus/other" });
        Assert.Equal(GraphFileStatus.Stale, stale.Status);
        Assert.Contains("stale", stale.Message);
    }

    [Fact]
    public void LoadOrBuild_builds_then_loads_then_rebuilds_a_damaged_file()
    {
        string pbf = Path.Combine(_dir, "region.osm.pbf");
        File.Copy(RealRegion.PbfPath, pbf);
        var first = GraphStore.LoadOrBuild(pbf);
        Assert.Equal(GraphLoadSource.BuiltMissingFile, first.Source);
        Assert.Equal(Path.Combine(_dir, "region.dmg"), first.GraphPath);
        var second = GraphStore.LoadOrBuild(pbf);
        Assert.Equal(GraphLoadSource.LoadedFromFile, second.Source);
        Assert.Equal(first.Content!.Hierarchy.UpWeight, second.Content!.Hierarchy.UpWeight);

        var bytes = File.ReadAllBytes(first.GraphPath);
        File.WriteAllBytes(first.GraphPath, bytes[..(bytes.Length / 3)]);
        var third = GraphStore.LoadOrBuild(pbf);
        Assert.Equal(GraphLoadSource.RebuiltBadFile, third.Source);
        Assert.Contains("truncated", third.Message);
        Assert.Equal(GraphFileStatus.Ok, GraphFile.Read(first.GraphPath).Status);

        // Without the PBF a damaged file cannot be rebuilt: a clear message, not an exception.
        File.WriteAllBytes(first.GraphPath, bytes[..100]);
        File.Delete(pbf);
        var fourth = GraphStore.LoadOrBuild(pbf);
        Assert.False(fourth.IsOk);
        Assert.Contains("region.dmg", fourth.Message);
        Assert.Contains("does not exist", fourth.Message);
        Assert.Throws<GraphStoreException>(() => RoadRouter.LoadOrBuild(pbf));
    }
}
