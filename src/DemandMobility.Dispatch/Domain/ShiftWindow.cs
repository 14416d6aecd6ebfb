using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Domain;

/// <summary>One absolute service window of a vehicle (e.g. 06:00–20:00 local on one day): one duty of its driver.</summary>
/// <param name="Start">Window start.</param>
/// <param name="End">Window end (after <paramref name="Start"/>).</param>
/// <param name="ReliefPoint">
/// Where this duty starts and ends when not at the vehicle's depot (a relief point where drivers change); null for the depot.
/// </param>
public sealed record ShiftWindow(DateTimeOffset Start, DateTimeOffset End, GeoPoint? ReliefPoint = null);
