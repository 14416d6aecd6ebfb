using System.Collections.Immutable;

namespace DemandMobility.Simulator.Demand;

/// <summary>The demand of one simulated day, ordered by request time, with the issues met while building it.</summary>
public sealed record DemandSet(ImmutableArray<DemandTrip> Trips, ImmutableArray<DemandIssue> Issues);
