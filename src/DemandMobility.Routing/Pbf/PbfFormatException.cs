namespace DemandMobility.Routing.Pbf;

/// <summary>
/// A PBF file is malformed (truncated, corrupt, oversized blob, not PBF at all) or uses a feature this
/// reader does not support (LZMA/zstd/lz4 blobs, unknown required features). The message names the file
/// and the byte offset of the blob that failed.
/// </summary>
public sealed class PbfFormatException : IOException
{
    /// <summary>Creates the exception for a problem at <paramref name="offset"/> in <paramref name="filePath"/>.</summary>
    public PbfFormatException(string filePath, long offset, string problem, Exception? inner = null)
        : base($"{filePath}: invalid or unsupported OSM PBF data at byte offset {offset}: {problem}", inner)
    {
        FilePath = filePath;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The file that was being read.</summary>
    public string FilePath { get; }

    /// <summary>Byte offset of the start of the blob (its length prefix) that failed.</summary>
    public long Offset { get; }

    /// <summary>The problem without the file/offset prefix.</summary>
    public string Problem { get; }
}
