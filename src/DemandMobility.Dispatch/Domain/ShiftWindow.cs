namespace DemandMobility.Dispatch.Domain;

/// <summary>One absolute service window of a vehicle (e.g. 06:00–20:00 local on one day).</summary>
/// <param name="Start">Window start.</param>
/// <param name="End">Window end (after <paramref name="Start"/>).</param>
public sealed record ShiftWindow(DateTimeOffset Start, DateTimeOffset End);
