namespace DemandMobility.Routing.Storage;

/// <summary>Why a <see cref="BinaryContainer"/> file could not be opened; each file kind maps it to its own status.</summary>
public enum ContainerFault
{
    /// <summary>The header is sound; the payload can be read.</summary>
    None = 0,
    /// <summary>No file at the path.</summary>
    Missing,
    /// <summary>The file ends before its header or its declared payload.</summary>
    Truncated,
    /// <summary>The file does not start with this kind's magic bytes.</summary>
    Foreign,
    /// <summary>The file was written in another format version.</summary>
    WrongVersion,
    /// <summary>Bytes follow the declared payload.</summary>
    TrailingBytes,
}
