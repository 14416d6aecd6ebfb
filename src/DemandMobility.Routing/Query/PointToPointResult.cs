namespace DemandMobility.Routing.Query;

/// <summary>Result of a one-to-one CH query between snapped points.</summary>
/// <param name="Weight">Packed weight, or <see cref="PathWeight.Infinity"/> when unreachable.</param>
/// <param name="Edges">Original edges in driving order (first and last may be partially driven), or null if not requested.</param>
/// <param name="FirstFrom">Fraction of the first edge where the drive starts.</param>
/// <param name="LastTo">Fraction of the last edge where the drive ends.</param>
internal readonly record struct PointToPointResult(long Weight, List<int>? Edges, double FirstFrom, double LastTo)
{
    public bool Found => Weight < PathWeight.Infinity;
}
