namespace DemandMobility.Server.Configuration;

/// <summary>
/// Section <c>Cluster</c>: when <see cref="Enabled"/>, the server hosts an Orleans silo in process and routes the
/// booking and fleet calls to the service-area grains (docs/cluster.md). Off by default: one area, SQLite, no cluster.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Cluster";

    /// <summary><c>Cluster:Enabled</c>: host a silo and serve the area-routed API.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>Cluster:PostgresConnectionString</c>: membership, reminders and every area's event log.</summary>
    public string PostgresConnectionString { get; set; } = "";

    /// <summary><c>Cluster:ClusterId</c>: silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "demandmobility";

    /// <summary><c>Cluster:ServiceId</c>: stable across deployments (reminders are keyed by it).</summary>
    public string ServiceId { get; set; } = "demandmobility";

    /// <summary><c>Cluster:SiloPort</c>: silo-to-silo port, advertised and listened on (one per silo and address).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary><c>Cluster:GatewayPort</c>: Orleans client gateway port, advertised and listened on (one per silo and address).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// <c>Cluster:Silo</c>: the address other silos and clients reach this silo at, and the address it listens on
    /// (default 127.0.0.1 for both: one machine). Ports stay <see cref="SiloPort"/> and <see cref="GatewayPort"/>.
    /// </summary>
    public SiloAddressOptions Silo { get; set; } = new();

    /// <summary><c>Cluster:Rebalancing</c>: how active areas are spread onto silos that join (docs/operations.md).</summary>
    public DemandMobility.Cluster.Balancing.AreaRebalancingOptions Rebalancing { get; set; } = new();

    /// <summary><c>Cluster:AreaSchemaPrefix</c>: PostgreSQL schema of an area's store is prefix + area id.</summary>
    public string AreaSchemaPrefix { get; set; } = "area_";

    /// <summary><c>Cluster:HangfireSchema</c>: PostgreSQL schema of the planner jobs' Hangfire storage (created on first start).</summary>
    public string HangfireSchema { get; set; } = "hangfire";

    /// <summary><c>Cluster:Areas</c>: the region's service areas (every silo must list the same).</summary>
    public List<ClusterAreaOptions> Areas { get; set; } = [];
}

/// <summary>One service area (<c>Cluster:Areas:i</c>).</summary>
public sealed class ClusterAreaOptions
{
    /// <summary>Id, 1–40 of [a-z0-9_] starting with a letter; prefixes the area's booking, offer and vehicle ids.</summary>
    public string Id { get; set; } = "";

    /// <summary>Boundary polygon as [lon, lat] pairs (GeoJSON order).</summary>
    public List<double[]> Boundary { get; set; } = [];

    /// <summary>Neighbouring areas a trip starting here may end in.</summary>
    public List<string> DestinationAreas { get; set; } = [];

    /// <summary>
    /// <c>Cluster:Areas:i:Fleet</c>: the area's vehicles and daily shifts, as the single-process <c>Fleet</c> section
    /// (ids without the area, e.g. <c>bus-1</c>, answered as <c>east.bus-1</c>; depots inside this area). Registered and
    /// scheduled up to the booking horizon when the area activates, extended hourly by its round.
    /// </summary>
    public FleetOptions Fleet { get; set; } = new();

    /// <summary>
    /// <c>Cluster:Areas:i:Rules</c>: the area's dispatch rules where they differ from the <c>Dispatch</c> section
    /// (<see cref="AreaRulesOptions"/>); a trip follows the rules of its origin's area.
    /// </summary>
    public AreaRulesOptions Rules { get; set; } = new();
}
