namespace DemandMobility.Routing;

/// <summary>Query-time settings of a <see cref="RoadRouter"/>.</summary>
/// <param name="MaxSnapDistanceMetres">Points farther than this from any drivable road are reported as not snapped.</param>
/// <param name="MaxParallelism">Worker threads a single matrix request may use.</param>
public sealed record RouterOptions(double MaxSnapDistanceMetres = 500, int MaxParallelism = 0)
{
    /// <summary>Default settings (500 m snap radius, all cores for matrices).</summary>
    public static RouterOptions Default { get; } = new();

    internal int EffectiveParallelism => MaxParallelism > 0 ? MaxParallelism : Environment.ProcessorCount;
}
