namespace DemandMobility.Routing.Storage;

/// <summary>Result of <see cref="GraphFile.Read"/>: the content, or a status and a message naming file and problem.</summary>
/// <param name="Status">Ok or what is wrong.</param>
/// <param name="Content">The content when <see cref="GraphFileStatus.Ok"/> (also for <see cref="GraphFileStatus.Stale"/>, which is intact).</param>
/// <param name="Message">Human-readable description naming the file, e.g. "x.dmg: truncated at byte 1234 (…)".</param>
public sealed record GraphFileReadResult(GraphFileStatus Status, GraphFileContent? Content, string Message)
{
    /// <summary>True when the content can be used.</summary>
    public bool IsOk => Status == GraphFileStatus.Ok;
}
