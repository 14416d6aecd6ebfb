using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Extract;

/// <summary>The graph produced by <see cref="GraphExtractor"/> and how it was built.</summary>
/// <param name="Graph">The road graph.</param>
/// <param name="Statistics">Counts and timings.</param>
public sealed record ExtractionResult(RoadGraph Graph, ExtractionStatistics Statistics);
