using System.Text;

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
        var sum = new FeedChecksum(0);
        long length = 0;
        if (Directory.Exists(feedPath))
        {
            foreach (var file in Directory.GetFiles(feedPath, "*.txt").Order(StringComparer.Ordinal))
            {
                sum.Append(Encoding.UTF8.GetBytes(Path.GetFileName(file)));
                using var fs = File.OpenRead(file);
                length += fs.Length;
                sum.AppendStream(fs);
            }
        }
        else
        {
            using var fs = File.OpenRead(feedPath);
            length = fs.Length;
            sum.AppendStream(fs);
        }
        return new FeedIdentity(length, sum.Value, settings);
    }

    /// <inheritdoc />
    public override string ToString() => $"feed {FeedLength} bytes / checksum {FeedChecksum:x16}, settings {Settings}";
}
