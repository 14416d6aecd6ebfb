namespace DemandMobility.Routing.Storage;

/// <summary>Outcome of reading a graph file.</summary>
public enum GraphFileStatus
{
    /// <summary>The file was read and verified.</summary>
    Ok = 0,
    /// <summary>No file at the path.</summary>
    Missing,
    /// <summary>The file does not start with the graph-file magic bytes.</summary>
    NotAGraphFile,
    /// <summary>The file was written by another format version.</summary>
    WrongVersion,
    /// <summary>The file ends before its declared content.</summary>
    Truncated,
    /// <summary>The payload checksum does not match (damaged file).</summary>
    ChecksumMismatch,
    /// <summary>The content is structurally inconsistent.</summary>
    Invalid,
    /// <summary>The file is intact but was built from another PBF or profile version.</summary>
    Stale,
}
