using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Storage;

/// <summary>Everything a graph file holds.</summary>
/// <param name="Source">What the graph was built from.</param>
/// <param name="Graph">The road graph (also the snapping index's input: coordinates, shapes, main component).</param>
/// <param name="Hierarchy">The contraction hierarchy.</param>
public sealed record GraphFileContent(GraphSourceIdentity Source, RoadGraph Graph, ContractionHierarchy Hierarchy);
