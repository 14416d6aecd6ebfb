using System.Collections.Immutable;

namespace DemandMobility.Routing.Matching;

/// <summary>A driven piece of one edge between two matched fixes.</summary>
/// <param name="Edge">RoadGraph edge index.</param>
/// <param name="FromFraction">Where on the edge the piece starts (0 … 1).</param>
/// <param name="ToFraction">Where it ends (≥ <paramref name="FromFraction"/>).</param>
public readonly record struct EdgePiece(int Edge, double FromFraction, double ToFraction);

/// <summary>The drive between two consecutive matched fixes: the edges passed and the time it took.</summary>
/// <param name="FromFix">Index of the earlier fix in the trace.</param>
/// <param name="ToFix">Index of the later fix.</param>
/// <param name="Seconds">Time between the fixes.</param>
/// <param name="Pieces">The route's pieces of edges, in driving order.</param>
public sealed record MatchedTraversal(int FromFix, int ToFix, double Seconds, ImmutableArray<EdgePiece> Pieces);

/// <summary>The result of matching one trace.</summary>
/// <param name="Fixes">Per fix, the matched edge position, or null where no road was within the search radius.</param>
/// <param name="Traversals">Routes between consecutive matched fixes of the same unbroken stretch.</param>
/// <param name="Breaks">How often the chain broke (no road route fits between two fixes) and matching restarted.</param>
public sealed record MatchedTrace(ImmutableArray<EdgeCandidate?> Fixes, ImmutableArray<MatchedTraversal> Traversals, int Breaks);
