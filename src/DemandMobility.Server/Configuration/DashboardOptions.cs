namespace DemandMobility.Server.Configuration;

/// <summary>
/// Section <c>Dashboard</c>: the dispatcher dashboard, a browser page with its JSON API served on its own
/// HTTP/1.1 endpoint (the gRPC endpoint speaks cleartext HTTP/2 only, which browsers cannot use).
/// </summary>
public sealed class DashboardOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Dashboard";

    /// <summary>Port offset from the first gRPC port used when <see cref="Url"/> is empty (5000 → 5080).</summary>
    public const int DefaultPortOffset = 80;

    /// <summary><c>Dashboard:Enabled</c>: serve the dashboard (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// <c>Dashboard:Url</c>: one <c>http://host:port</c> address. Empty: <c>http://127.0.0.1</c> at the first gRPC
    /// port + 80 (port 0 stays 0), so the default server offers it at <c>http://127.0.0.1:5080/dashboard/</c>.
    /// </summary>
    public string Url { get; set; } = "";

    /// <summary><c>Dashboard:RefreshInterval</c>: the longest gap between two pushed snapshots when nothing changes (1 s to 60 s, default 3 s).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary><c>Dashboard:StaleFixAfter</c>: an on-shift vehicle whose last GPS fix is older raises an alert (default 2 min).</summary>
    public TimeSpan StaleFixAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary><c>Dashboard:LateAfter</c>: forecast lateness beyond a promised window that raises an alert (default 1 min).</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>Dashboard:RecentWindow</c>: how far back rejected quotes and no-shows are listed as alerts (default 30 min).</summary>
    public TimeSpan RecentWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// <c>Dashboard:MapRoadClass</c>: the smallest road class drawn on the map (an OSM class name: Motorway, Trunk,
    /// Primary, Secondary, Tertiary, Unclassified, Residential, LivingStreet, Service; default Residential).
    /// </summary>
    public string MapRoadClass { get; set; } = "Residential";
}
