namespace DemandMobility.Dispatch.Travel;

/// <summary>
/// A many-to-many result: row-major <see cref="Sources"/> × <see cref="Targets"/> durations (seconds) and
/// distances (metres). Unreachable pairs hold <see cref="double.PositiveInfinity"/>.
/// </summary>
public sealed record TravelTable(int Sources, int Targets, double[] DurationsSeconds, double[] DistancesMetres)
{
    /// <summary>Duration from source i to target j.</summary>
    public double Duration(int i, int j) => DurationsSeconds[i * Targets + j];

    /// <summary>Distance from source i to target j.</summary>
    public double Distance(int i, int j) => DistancesMetres[i * Targets + j];
}
