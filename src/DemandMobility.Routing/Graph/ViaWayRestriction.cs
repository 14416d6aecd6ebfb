namespace DemandMobility.Routing.Graph;

/// <summary>
/// A turn restriction over a via way, as road-graph edges: driving <see cref="FromEdge"/>, then
/// <see cref="ViaEdge"/>, then <see cref="ToEdge"/> is forbidden (<c>no_*</c>), or after FromEdge and ViaEdge only
/// ToEdge is allowed (<c>only_*</c>). Applied by the turn-aware graph (<see cref="TurnGraph"/>); via-node
/// restrictions are already applied in the road graph by node splitting.
/// </summary>
/// <param name="FromEdge">Road-graph edge arriving at the via way.</param>
/// <param name="ViaEdge">The via way's edge (a via way of one edge, junction to junction).</param>
/// <param name="ToEdge">Road-graph edge leaving the via way.</param>
/// <param name="IsOnly">True for <c>only_*</c> restrictions.</param>
public readonly record struct ViaWayRestriction(int FromEdge, int ViaEdge, int ToEdge, bool IsOnly);
