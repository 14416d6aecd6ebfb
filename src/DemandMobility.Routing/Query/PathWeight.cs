namespace DemandMobility.Routing.Query;

/// <summary>
/// Packs (duration ms, distance dm) into one 64-bit weight: duration in the high 32 bits, distance in
/// the low 32. Sums stay exact as long as a path is shorter than 2^32 dm (429 000 km), and comparing the
/// packed values orders paths by duration, then distance. Every search minimises this packed weight, so
/// the distance reported is that of the fastest path, with ties broken the same way by every query kind.
/// </summary>
public static class PathWeight
{
    /// <summary>The "unreachable" weight.</summary>
    public const long Infinity = long.MaxValue / 4;

    /// <summary>Packs duration and distance.</summary>
    public static long Pack(int durationMs, int distanceDm) => ((long)durationMs << 32) + (uint)distanceDm;

    /// <summary>Duration part in milliseconds.</summary>
    public static long DurationMs(long weight) => weight >> 32;

    /// <summary>Distance part in decimetres.</summary>
    public static long DistanceDm(long weight) => weight & 0xFFFF_FFFFL;
}
