using System.Buffers.Binary;
using System.Text;
using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Storage;

/// <summary>
/// The versioned binary graph file (<c>.dmg</c>): road graph (with node traffic control and via-way restrictions)
/// + contraction hierarchy of its turn-aware graph (standard turn costs) + source identity.
/// </summary>
/// <remarks>
/// A <see cref="BinaryContainer"/> with magic <c>"DMGRAPH\x1A"</c>; the payload is the source identity (int64 PBF
/// length, uint64 PBF checksum, int32 + UTF-8 profile id) and the arrays in a fixed order, each as int64 element
/// count followed by the raw elements, read in bulk straight into their final memory, never element by element.
/// </remarks>
public static class GraphFile
{
    /// <summary>Current format version; bump when the layout or the meaning of a field changes.</summary>
    /// <remarks>Version 3: XXH64 checksums. Version 2: node traffic control, via-way restrictions, hierarchy on the turn-aware graph.</remarks>
    public const uint FormatVersion = 3;

    private static readonly BinaryContainer Container = new("graph", "DMGRAPH\x1A"u8, FormatVersion);

    /// <summary>Writes the content atomically (temporary file + rename).</summary>
    public static void Write(string path, GraphFileContent content) => Container.WriteAtomically(path, w =>
    {
        var profile = Encoding.UTF8.GetBytes(content.Source.Profile);
        Span<byte> id = stackalloc byte[20];
        BinaryPrimitives.WriteInt64LittleEndian(id, content.Source.PbfLength);
        BinaryPrimitives.WriteUInt64LittleEndian(id[8..], content.Source.PbfChecksum);
        BinaryPrimitives.WriteInt32LittleEndian(id[16..], profile.Length);
        w.Raw(id);
        w.Raw(profile);
        var g = content.Graph;
        w.Array(g.LatitudesE7); w.Array(g.LongitudesE7); w.Array(g.FirstEdge); w.Array(g.EdgeTarget);
        w.Array(g.EdgeDurationMs); w.Array(g.EdgeDistanceDm); w.Array(g.EdgeRoadClass); w.Array(g.EdgeShapeStart);
        w.Array(g.ShapeLatitudesE7); w.Array(g.ShapeLongitudesE7); w.Array(g.InMainComponent);
        w.Array(g.NodeControls);
        var restrictions = new int[g.ViaWayRestrictions.Length * 4];
        for (int i = 0; i < g.ViaWayRestrictions.Length; i++)
        {
            var vr = g.ViaWayRestrictions[i];
            restrictions[4 * i] = vr.FromEdge; restrictions[4 * i + 1] = vr.ViaEdge;
            restrictions[4 * i + 2] = vr.ToEdge; restrictions[4 * i + 3] = vr.IsOnly ? 1 : 0;
        }
        w.Array(restrictions);
        var h = content.Hierarchy;
        w.Array(h.Rank);
        w.Array(h.UpFirst); w.Array(h.UpTarget); w.Array(h.UpWeight); w.Array(h.UpInfo);
        w.Array(h.DownFirst); w.Array(h.DownSource); w.Array(h.DownWeight); w.Array(h.DownInfo);
    });

    /// <summary>
    /// Reads and verifies a graph file. With <paramref name="expected"/> given, an intact file built from a
    /// different source reports <see cref="GraphFileStatus.Stale"/>. Never throws for bad content.
    /// </summary>
    public static GraphFileReadResult Read(string path, GraphSourceIdentity? expected = null)
    {
        try
        {
            var open = Container.Open(path);
            if (open.Reader is null)
            {
                var status = open.Fault switch
                {
                    ContainerFault.Missing => GraphFileStatus.Missing,
                    ContainerFault.Truncated => GraphFileStatus.Truncated,
                    ContainerFault.Foreign => GraphFileStatus.NotAGraphFile,
                    ContainerFault.WrongVersion => GraphFileStatus.WrongVersion,
                    _ => GraphFileStatus.Invalid,
                };
                return Fail(status, open.Message);
            }
            using var r = open.Reader;
            Span<byte> id = stackalloc byte[20];
            r.Raw(id);
            int profileLength = BinaryPrimitives.ReadInt32LittleEndian(id[16..]);
            if (profileLength is < 0 or > 4096)
                return Fail(GraphFileStatus.Invalid, $"{path}: profile id length {profileLength} at byte {BinaryContainer.HeaderLength + 16} is out of range");
            var profileBytes = new byte[profileLength];
            r.Raw(profileBytes);
            var source = new GraphSourceIdentity(BinaryPrimitives.ReadInt64LittleEndian(id), BinaryPrimitives.ReadUInt64LittleEndian(id[8..]),
                Encoding.UTF8.GetString(profileBytes));
            var lat = r.Array<int>("node latitudes"); var lon = r.Array<int>("node longitudes");
            var first = r.Array<int>("edge offsets"); var target = r.Array<int>("edge targets");
            var dur = r.Array<int>("edge durations"); var dist = r.Array<int>("edge distances");
            var cls = r.Array<byte>("edge road classes"); var shapeStart = r.Array<int>("shape offsets");
            var shapeLat = r.Array<int>("shape latitudes"); var shapeLon = r.Array<int>("shape longitudes");
            var main = r.Array<bool>("main component flags");
            var controls = r.Array<byte>("node traffic control");
            var restrictionInts = r.Array<int>("via-way restrictions");
            var rank = r.Array<int>("node ranks");
            var upFirst = r.Array<int>("upward offsets"); var upTarget = r.Array<int>("upward targets");
            var upWeight = r.Array<long>("upward weights"); var upInfo = r.Array<int>("upward arc info");
            var downFirst = r.Array<int>("downward offsets"); var downSource = r.Array<int>("downward sources");
            var downWeight = r.Array<long>("downward weights"); var downInfo = r.Array<int>("downward arc info");
            if (!r.ChecksumMatches)
                return Fail(GraphFileStatus.ChecksumMismatch, r.ChecksumMessage);

            if (restrictionInts.Length % 4 != 0)
                return Fail(GraphFileStatus.Invalid, $"{path}: via-way restriction array has {restrictionInts.Length} entries, not a multiple of 4");
            var restrictions = new ViaWayRestriction[restrictionInts.Length / 4];
            for (int i = 0; i < restrictions.Length; i++)
                restrictions[i] = new ViaWayRestriction(restrictionInts[4 * i], restrictionInts[4 * i + 1], restrictionInts[4 * i + 2], restrictionInts[4 * i + 3] != 0);
            var graph = new RoadGraph(lat, lon, first, target, dur, dist, cls, shapeStart, shapeLat, shapeLon, main)
            {
                NodeControls = controls,
                ViaWayRestrictions = restrictions,
            };
            var hierarchy = new ContractionHierarchy(rank, upFirst, upTarget, upWeight, upInfo, downFirst, downSource, downWeight, downInfo);
            if (hierarchy.NodeCount < graph.EdgeCount)
                return Fail(GraphFileStatus.Invalid, $"{path}: hierarchy has {hierarchy.NodeCount} nodes, fewer than the {graph.EdgeCount} edges of the graph it should route turn-aware");
            var content = new GraphFileContent(source, graph, hierarchy);
            if (expected is not null && expected != source)
                return new GraphFileReadResult(GraphFileStatus.Stale, content,
                    $"{path}: stale: built from {source}, current source is {expected}");
            return new GraphFileReadResult(GraphFileStatus.Ok, content, $"{path}: ok");
        }
        catch (ContainerTruncatedException e)
        {
            return Fail(GraphFileStatus.Truncated, e.Message);
        }
        catch (ArgumentException e)
        {
            return Fail(GraphFileStatus.Invalid, $"{path}: inconsistent content: {e.Message}");
        }
        catch (IOException e)
        {
            return Fail(GraphFileStatus.Invalid, $"{path}: cannot be read: {e.Message}");
        }
    }

    private static GraphFileReadResult Fail(GraphFileStatus status, string message) => new(status, null, message);
}
