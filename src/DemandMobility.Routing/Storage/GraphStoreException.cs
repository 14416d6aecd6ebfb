namespace DemandMobility.Routing.Storage;

/// <summary>No usable graph: the graph file is missing or bad and the PBF to rebuild it is not available.</summary>
public sealed class GraphStoreException(string message) : IOException(message);
