using System.Security.Cryptography;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Dispatch.Learning;

/// <summary>What loading the learned travel times found.</summary>
public enum LearnedTimesStatus
{
    /// <summary>The file was read; its evidence is in use.</summary>
    Loaded,
    /// <summary>No file yet: learning starts empty.</summary>
    Missing,
    /// <summary>The file is damaged, of another version or of another road graph: nothing was loaded (see the message).</summary>
    Rejected,
}

/// <summary>The outcome of <see cref="LearnedTimesFile.Load"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Message">Why a file was rejected (names the file and the problem); empty otherwise.</param>
/// <param name="Cells">Cells loaded.</param>
public sealed record LearnedTimesLoad(LearnedTimesStatus Status, string Message, int Cells);

/// <summary>
/// The learned evidence on disk (little-endian): "DMLT", format version, the road graph's edge count and SHA-256
/// fingerprint of its topology and profile times (evidence indexed by edge is meaningless on another graph), the
/// (edge × 24 + hour, observed, profile, count) cells, and a SHA-256 of everything before it. Written to a temporary
/// file and renamed over the old one, so a crash never leaves half a file; a damaged file is rejected whole.
/// </summary>
public static class LearnedTimesFile
{
    /// <summary>The format version written.</summary>
    public const int Version = 1;

    private static ReadOnlySpan<byte> Magic => "DMLT"u8;

    /// <summary>Writes the evidence of <paramref name="learned"/> to <paramref name="path"/>.</summary>
    public static void Save(string path, LearnedTravelTimes learned)
    {
        var bytes = ToBytes(learned);
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        string temp = path + ".tmp";
        using (var f = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            f.Write(bytes);
            f.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The evidence of <paramref name="learned"/> in this format, checksum included (for stores other than a file).</summary>
    public static byte[] ToBytes(LearnedTravelTimes learned)
    {
        var cells = learned.Cells();
        using var memory = new MemoryStream();
        using (var w = new BinaryWriter(memory, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write(learned.Profile.EdgeCount);
            w.Write(Fingerprint(learned.Profile));
            w.Write(cells.Count);
            foreach (var (key, s) in cells)
            {
                w.Write(key);
                w.Write(s.Observed);
                w.Write(s.Profile);
                w.Write(s.Count);
            }
            w.Flush();
            w.Write(SHA256.HashData(memory.GetBuffer().AsSpan(0, (int)memory.Length)));
        }
        return memory.ToArray();
    }

    /// <summary>Reads <paramref name="path"/> into <paramref name="learned"/>; on any problem leaves it untouched.</summary>
    public static LearnedTimesLoad Load(string path, LearnedTravelTimes learned)
    {
        if (!File.Exists(path)) return new(LearnedTimesStatus.Missing, "", 0);
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return Rejected(path, "cannot be read: " + e.Message); }
        return FromBytes(bytes, path, learned);
    }

    /// <summary>
    /// Reads evidence written by <see cref="ToBytes"/> into <paramref name="learned"/>; on any problem leaves it untouched.
    /// <paramref name="source"/> names where the bytes came from in a rejection's message.
    /// </summary>
    public static LearnedTimesLoad FromBytes(byte[] bytes, string source, LearnedTravelTimes learned)
    {
        if (bytes.Length < 4 + 4 + 4 + 32 + 4 + 32 || !bytes.AsSpan(0, 4).SequenceEqual(Magic)) return Rejected(source, "is not a learned travel-time file (no DMLT header)");
        var payload = bytes.AsSpan(0, bytes.Length - 32);
        if (!SHA256.HashData(payload).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32))) return Rejected(source, "is damaged (checksum mismatch)");
        using var r = new BinaryReader(new MemoryStream(bytes, 0, payload.Length));
        r.ReadBytes(4);
        int version = r.ReadInt32();
        if (version != Version) return Rejected(source, $"has format version {version}; this build reads {Version}");
        int edges = r.ReadInt32();
        var fingerprint = r.ReadBytes(32);
        if (edges != learned.Profile.EdgeCount || !fingerprint.AsSpan().SequenceEqual(Fingerprint(learned.Profile)))
            return Rejected(source, $"was learned on another road graph ({edges} edges, this one has {learned.Profile.EdgeCount}); reset or delete it");
        int count = r.ReadInt32();
        if (count < 0 || (long)count * 28 != payload.Length - r.BaseStream.Position) return Rejected(source, $"has a cell count ({count}) that does not match its length");
        var cells = new List<KeyValuePair<int, EdgeTimeSums>>(count);
        for (int i = 0; i < count; i++)
        {
            int key = r.ReadInt32();
            var s = new EdgeTimeSums(r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
            if (key < 0 || key / LearnedTravelTimes.Hours >= edges || !(s.Observed >= 0) || !(s.Profile > 0) || !(s.Count > 0) || !double.IsFinite(s.Observed + s.Profile + s.Count))
                return Rejected(source, $"cell {i} (key {key}) is invalid");
            cells.Add(new(key, s));
        }
        learned.Load(cells);
        return new(LearnedTimesStatus.Loaded, "", count);
    }

    private static LearnedTimesLoad Rejected(string source, string why) => new(LearnedTimesStatus.Rejected, $"{source}: {why}", 0);

    /// <summary>SHA-256 of the graph's edge targets, lengths and profile durations.</summary>
    private static byte[] Fingerprint(RoadGraph g)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(g.FirstEdge.AsSpan()));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(g.EdgeTarget.AsSpan()));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(g.EdgeDistanceDm.AsSpan()));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(g.EdgeDurationMs.AsSpan()));
        return sha.GetHashAndReset();
    }
}
