namespace DemandMobility.Optimization.Instances;

/// <summary>A best-known solution from a BKS table; null fields are empty cells (no public value).</summary>
/// <param name="Instance">Instance name as in the file name, e.g. <c>a2-16</c>.</param>
/// <param name="Cost">Best-known cost (DARP total distance, Li &amp; Lim distance), or null.</param>
/// <param name="Vehicles">Best-known vehicle count (Li &amp; Lim), or null.</param>
/// <param name="Source">Provenance text.</param>
public sealed record BksEntry(string Instance, double? Cost, int? Vehicles, string Source);
