using System.Diagnostics.CodeAnalysis;

namespace DemandMobility.Cluster.Areas;

/// <summary>
/// Cluster-wide ids: <c>{area}.{id inside the area's engine}</c>. Area ids contain no dot, so the first dot
/// separates them and the engine's own id may contain anything. Any silo can thus route a booking, offer or
/// vehicle id to the owning area without a lookup table.
/// </summary>
public static class AreaScopedId
{
    /// <summary>The separator between area and local id.</summary>
    public const char Separator = '.';

    /// <summary>Prefixes <paramref name="localId"/> with its area.</summary>
    public static string Compose(string areaId, string localId) => areaId + Separator + localId;

    /// <summary>Splits a cluster id; false when it names no area or no local id.</summary>
    public static bool TryParse(string? scopedId, [NotNullWhen(true)] out string? areaId, [NotNullWhen(true)] out string? localId)
    {
        areaId = localId = null;
        if (string.IsNullOrEmpty(scopedId)) return false;
        int dot = scopedId.IndexOf(Separator);
        if (dot <= 0 || dot == scopedId.Length - 1) return false;
        areaId = scopedId[..dot];
        localId = scopedId[(dot + 1)..];
        return true;
    }
}
