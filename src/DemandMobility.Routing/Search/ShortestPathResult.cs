namespace DemandMobility.Routing.Search;

/// <summary>Result of a node-to-node search.</summary>
/// <param name="Found">False when the target is unreachable.</param>
/// <param name="DurationMs">Travel time in ms (<see cref="Dijkstra.Unreachable"/> when not found).</param>
/// <param name="DistanceDm">Length of the fastest path in decimetres.</param>
/// <param name="Edges">Edge ids of the path in driving order.</param>
public sealed record ShortestPathResult(bool Found, int DurationMs, int DistanceDm, int[] Edges);

/// <summary>Result of a one-to-all search, indexed by node.</summary>
/// <param name="DurationMs">Travel time from the source in ms (<see cref="Dijkstra.Unreachable"/> when unreachable).</param>
/// <param name="DistanceDm">Length of the fastest path in decimetres (0 when unreachable).</param>
public sealed record OneToAllResult(int[] DurationMs, int[] DistanceDm);
