using System.IO.Hashing;

namespace DemandMobility.Routing.Storage;

/// <summary>Checksums of source files (an OSM extract, a GTFS feed) that identify what a built file came from.</summary>
public static class SourceChecksum
{
    /// <summary>XXH64 of a whole file's bytes.</summary>
    public static ulong OfFile(string path, out long length)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        length = fs.Length;
        var sum = new XxHash64();
        sum.Append(fs);
        return sum.GetCurrentHashAsUInt64();
    }
}
