namespace DemandMobility.Routing.Storage;

/// <summary>
/// What a graph file was built from; a file whose identity differs from the current source is stale.
/// </summary>
/// <param name="PbfLength">Length of the source PBF in bytes.</param>
/// <param name="PbfChecksum">Checksum of the source PBF's bytes.</param>
/// <param name="Profile">Profile name and version, e.g. "minibus/3f2a…".</param>
public sealed record GraphSourceIdentity(long PbfLength, ulong PbfChecksum, string Profile)
{
    /// <summary>Identity of a PBF file read with a profile.</summary>
    public static GraphSourceIdentity Of(string pbfPath, string profile)
    {
        ulong sum = SourceChecksum.OfFile(pbfPath, out long length);
        return new GraphSourceIdentity(length, sum, profile);
    }

    /// <inheritdoc />
    public override string ToString() => $"pbf {PbfLength} bytes / checksum {PbfChecksum:x16}, profile {Profile}";
}
