using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Storage;

/// <summary>
/// The versioned binary graph file (<c>.dmg</c>): road graph (with node traffic control and via-way restrictions)
/// + contraction hierarchy of its turn-aware graph (standard turn costs) + source identity.
/// </summary>
/// <remarks>
/// Layout, little-endian: 8 magic bytes <c>"DMGRAPH\x1A"</c>, uint32 format version, uint32 reserved,
/// int64 payload length, uint64 payload checksum (<see cref="Checksum64"/>), then the payload: source
/// identity (int64 PBF length, uint64 PBF checksum, int32 + UTF-8 profile id) and the arrays in a fixed
/// order, each as int64 element count followed by the raw elements. Arrays are read in bulk straight into
/// their final memory (<see cref="MemoryMarshal.AsBytes{T}(Span{T})"/>), never element by element.
/// Writing goes to a temporary file that is renamed over the target, so readers never see half a file.
/// </remarks>
public static class GraphFile
{
    /// <summary>Current format version; bump when the layout or the meaning of a field changes.</summary>
    /// <remarks>Version 2: node traffic control, via-way restrictions, hierarchy on the turn-aware graph.</remarks>
    public const uint FormatVersion = 2;

    private const int HeaderLength = 32;
    private static ReadOnlySpan<byte> Magic => "DMGRAPH\x1A"u8;

    /// <summary>Writes the content atomically (temporary file + rename).</summary>
    public static void Write(string path, GraphFileContent content)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                fs.Write(new byte[HeaderLength]);
                var w = new PayloadWriter(fs);
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

                Span<byte> header = stackalloc byte[HeaderLength];
                Magic.CopyTo(header);
                BinaryPrimitives.WriteUInt32LittleEndian(header[8..], FormatVersion);
                BinaryPrimitives.WriteInt64LittleEndian(header[16..], fs.Position - HeaderLength);
                BinaryPrimitives.WriteUInt64LittleEndian(header[24..], w.Checksum);
                fs.Position = 0;
                fs.Write(header);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { /* best effort: the temp name is unique */ }
            throw;
        }
    }

    /// <summary>
    /// Reads and verifies a graph file. With <paramref name="expected"/> given, an intact file built from a
    /// different source reports <see cref="GraphFileStatus.Stale"/>. Never throws for bad content.
    /// </summary>
    public static GraphFileReadResult Read(string path, GraphSourceIdentity? expected = null)
    {
        if (!File.Exists(path)) return Fail(GraphFileStatus.Missing, $"{path}: graph file does not exist");
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            long fileLength = fs.Length;
            Span<byte> header = stackalloc byte[HeaderLength];
            if (fileLength < HeaderLength)
                return Fail(GraphFileStatus.Truncated, $"{path}: truncated: {fileLength} bytes, shorter than the {HeaderLength}-byte header");
            fs.ReadExactly(header);
            if (!header[..8].SequenceEqual(Magic))
                return Fail(GraphFileStatus.NotAGraphFile, $"{path}: not a DemandMobility graph file (bad magic bytes at offset 0)");
            uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            if (version != FormatVersion)
                return Fail(GraphFileStatus.WrongVersion, $"{path}: graph file format version {version}, this program reads version {FormatVersion}");
            long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
            ulong checksum = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
            if (payloadLength < 0 || HeaderLength + payloadLength > fileLength)
                return Fail(GraphFileStatus.Truncated, $"{path}: truncated: header declares {HeaderLength + payloadLength} bytes but the file has {fileLength}");
            if (HeaderLength + payloadLength < fileLength)
                return Fail(GraphFileStatus.Invalid, $"{path}: {fileLength - HeaderLength - payloadLength} unexpected bytes after the payload at byte {HeaderLength + payloadLength}");

            var r = new PayloadReader(fs, path, fileLength);
            Span<byte> id = stackalloc byte[20];
            r.Raw(id);
            int profileLength = BinaryPrimitives.ReadInt32LittleEndian(id[16..]);
            if (profileLength is < 0 or > 4096)
                return Fail(GraphFileStatus.Invalid, $"{path}: profile id length {profileLength} at byte {HeaderLength + 16} is out of range");
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
            if (r.Checksum != checksum)
                return Fail(GraphFileStatus.ChecksumMismatch, $"{path}: payload checksum mismatch (stored {checksum:x16}, computed {r.Checksum:x16}): the file is damaged");

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
        catch (GraphFileTruncatedException e)
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

    private sealed class PayloadWriter(Stream s)
    {
        private Checksum64 _sum = new(FormatVersion);

        public ulong Checksum => _sum.Value;

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            _sum.Append(bytes);
            s.Write(bytes);
        }

        public void Array<T>(T[] values) where T : unmanaged
        {
            Span<byte> count = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(count, values.LongLength);
            Raw(count);
            Raw(MemoryMarshal.AsBytes(values.AsSpan()));
        }
    }

    private sealed class PayloadReader(Stream s, string path, long fileLength)
    {
        private Checksum64 _sum = new(FormatVersion);

        public ulong Checksum => _sum.Value;

        public void Raw(Span<byte> into)
        {
            if (s.Position + into.Length > fileLength)
                throw new GraphFileTruncatedException($"{path}: truncated: {into.Length} bytes expected at byte {s.Position}, file has {fileLength}");
            s.ReadExactly(into);
            _sum.Append(into);
        }

        public T[] Array<T>(string what) where T : unmanaged
        {
            Span<byte> countBytes = stackalloc byte[8];
            long at = s.Position;
            Raw(countBytes);
            long count = BinaryPrimitives.ReadInt64LittleEndian(countBytes);
            long bytes = count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            if (count < 0 || count > int.MaxValue || s.Position + bytes > fileLength)
                throw new GraphFileTruncatedException($"{path}: truncated or damaged: array '{what}' at byte {at} declares {count} elements, more than the file holds");
            var values = new T[count];
            Raw(MemoryMarshal.AsBytes(values.AsSpan()));
            return values;
        }
    }
}

/// <summary>Internal signal for a read past the end of a graph file; surfaces as <see cref="GraphFileStatus.Truncated"/>.</summary>
internal sealed class GraphFileTruncatedException(string message) : IOException(message);
