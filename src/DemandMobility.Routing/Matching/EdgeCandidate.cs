namespace DemandMobility.Routing.Matching;

/// <summary>A fix projected onto one directed road edge.</summary>
/// <param name="Edge">RoadGraph edge index.</param>
/// <param name="Fraction">Position along the edge's shape in driving direction, 0 (source) … 1 (target).</param>
/// <param name="DistanceMetres">Distance from the fix to the projected point.</param>
public readonly record struct EdgeCandidate(int Edge, double Fraction, double DistanceMetres);
