namespace DemandMobility.Server.Configuration;

/// <summary>Section <c>Routing</c>: the road data the dispatcher routes on.</summary>
public sealed class RoutingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Routing";

    /// <summary><c>Routing:PbfPath</c>: OpenStreetMap extract (.osm.pbf) used to build the graph when no graph file exists.</summary>
    public string PbfPath { get; set; } = "routing-data/north-bayreuth.osm.pbf";

    /// <summary><c>Routing:GraphFile</c>: prebuilt graph file; empty = derived from the PBF name in the data directory.</summary>
    public string GraphFile { get; set; } = "";

    /// <summary><c>Routing:Profile</c>: vehicle profile applied at extract time (e.g. "minibus").</summary>
    public string Profile { get; set; } = "minibus";
}
