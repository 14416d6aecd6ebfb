using System.Text.Json;

namespace DemandMobility.Planner;

/// <summary>The backup a restore job reads, stored as the job's input <see cref="InputName"/>.</summary>
/// <param name="JobId">A store backup job whose report file <paramref name="File"/> is the backup; or null.</param>
/// <param name="File">That report file's name.</param>
/// <param name="Path">An absolute backup file path on the server; null when the backup is a job's report file.</param>
public sealed record StoreRestoreSource(string? JobId, string? File, string? Path)
{
    /// <summary>The job input's name.</summary>
    public const string InputName = "restore-source.json";

    /// <summary>The input's text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>Reads the input's text.</summary>
    /// <exception cref="InvalidDataException">Not a restore source.</exception>
    public static StoreRestoreSource Parse(string json) =>
        JsonSerializer.Deserialize<StoreRestoreSource>(json) is { } source && (source.Path is not null || (source.JobId is not null && source.File is not null))
            ? source
            : throw new InvalidDataException("The restore job's stored source names no backup.");
}
