using System.Collections.Concurrent;
using System.Text.Json;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Services;

/// <summary>
/// Numbers each vehicle's manifest: the version rises whenever the manifest differs from the last one numbered.
/// Versions start at the process start time in milliseconds, so they also rise across restarts (the engine
/// itself keeps no manifest version).
/// </summary>
public sealed class ManifestVersions(TimeProvider time)
{
    private readonly long _base = time.GetUtcNow().ToUnixTimeMilliseconds();
    private readonly ConcurrentDictionary<string, (string Json, long Version)> _last = new(StringComparer.Ordinal);

    /// <summary>The version of <paramref name="view"/>.</summary>
    public long VersionOf(ManifestView view)
    {
        string json = JsonSerializer.Serialize(view);
        var entry = _last.AddOrUpdate(view.VehicleId,
            _ => (json, _base),
            (_, old) => old.Json == json ? old : (json, old.Version + 1));
        return entry.Version;
    }
}
