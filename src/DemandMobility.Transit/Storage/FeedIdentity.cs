using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using DemandMobility.Routing.Storage;

namespace DemandMobility.Transit.Storage;

/// <summary>
/// What a timetable file was built from: the feed's total size and checksum (a zip's bytes, or a folder's
/// <c>.txt</c> files by name and content) and the importer settings; a differing identity marks the file stale.
/// </summary>
/// <param name="FeedLength">Bytes of the feed.</param>
/// <param name="FeedChecksum">Checksum of the feed.</param>
/// <param name="Settings">Importer version and footpath settings.</param>
public sealed record FeedIdentity(long FeedLength, ulong FeedChecksum, string Settings)
{
    /// <summary>Identity of a feed (zip or folder) imported with the given settings.</summary>
    public static FeedIdentity Of(string feedPath, string settings)
    {
        if (!Directory.Exists(feedPath))
        {
            ulong zipSum = SourceChecksum.OfFile(feedPath, out long zipLength);
            return new FeedIdentity(zipLength, zipSum, settings);
        }
        // A folder: each .txt file's name and length go in before its bytes, so moving bytes between files changes the sum.
        var sum = new XxHash64();
        long length = 0;
        Span<byte> size = stackalloc byte[8];
        foreach (var file in Directory.GetFiles(feedPath, "*.txt").Order(StringComparer.Ordinal))
        {
            using var fs = File.OpenRead(file);
            sum.Append(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
            BinaryPrimitives.WriteInt64LittleEndian(size, fs.Length);
            sum.Append(size);
            length += fs.Length;
            sum.Append(fs);
        }
        return new FeedIdentity(length, sum.GetCurrentHashAsUInt64(), settings);
    }

    /// <inheritdoc />
    public override string ToString() => $"feed {FeedLength} bytes / checksum {FeedChecksum:x16}, settings {Settings}";
}
