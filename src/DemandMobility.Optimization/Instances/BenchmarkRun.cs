using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Validation;

namespace DemandMobility.Optimization.Instances;

/// <summary>Result of solving one benchmark instance, validated and compared with its BKS.</summary>
/// <param name="Instance">The instance solved.</param>
/// <param name="Solution">The solver's solution.</param>
/// <param name="Validation">The independent validator's verdict on it.</param>
/// <param name="Distance">Total distance of the routes (the DARP cost).</param>
/// <param name="Vehicles">Routes with at least one request.</param>
/// <param name="Elapsed">Wall-clock time of the solve.</param>
/// <param name="Bks">Best-known solution, when the table has one.</param>
public sealed record BenchmarkRun(
    BenchmarkInstance Instance, Solution Solution, ValidationResult Validation, double Distance, int Vehicles, TimeSpan Elapsed, BksEntry? Bks)
{
    /// <summary>Distance gap to the BKS cost in percent, or null when there is no BKS cost.</summary>
    public double? GapPercent => Bks?.Cost is double bks && bks > 0 ? 100.0 * (Distance - bks) / bks : null;

    /// <summary>Vehicles used minus BKS vehicles, or null when the BKS has no vehicle count.</summary>
    public int? ExtraVehicles => Bks?.Vehicles is int bks ? Vehicles - bks : null;

    /// <summary>
    /// True when the distance comparison with the BKS is meaningful: DARP always (fleet size is not part of
    /// its objective), Li &amp; Lim only when we use the BKS's vehicle count (hierarchical objective).
    /// </summary>
    public bool DistanceComparable => Instance.Family == BenchmarkFamily.Darp || ExtraVehicles == 0;
}
