namespace DemandMobility.Routing.Query;

/// <summary>A start node of a search with its initial packed weight (the part of a snapped edge already covered).</summary>
/// <param name="Node">Graph node.</param>
/// <param name="Weight">Packed weight from the snapped point to the node (or from the node to the point).</param>
public readonly record struct SearchSeed(int Node, long Weight);
