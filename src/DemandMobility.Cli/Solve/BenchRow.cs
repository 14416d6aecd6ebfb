namespace DemandMobility.Cli.Solve;

/// <summary>One line of the <c>dm bench</c> table; <see cref="Error"/> is set when the instance could not be read or solved.</summary>
internal sealed record BenchRow(
    string Instance, double? BksCost, double? Ours, double? GapPercent, int? Vehicles, int? BksVehicles, bool Valid, double Seconds, string? Error);
