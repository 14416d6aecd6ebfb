using DemandMobility.Routing.Graph;

namespace DemandMobility.Server.Dashboard;

/// <summary>The validated dashboard settings (<c>Dashboard</c> section) with the region it shows.</summary>
/// <param name="Url">The resolved listening address (<c>http://host:port</c>, port 0 = any free port).</param>
/// <param name="RefreshInterval">Polling interval the page uses.</param>
/// <param name="StaleFixAfter">Age of the last GPS fix that raises an alert.</param>
/// <param name="LateAfter">Forecast lateness that raises an alert.</param>
/// <param name="RecentWindow">How far back rejections and no-shows are alerts.</param>
/// <param name="MapRoadClass">Smallest road class drawn.</param>
/// <param name="RegionName">Shown in the page title.</param>
/// <param name="TimeZone">The region's time zone; "today" is its local day.</param>
public sealed record DashboardSettings(
    string Url, TimeSpan RefreshInterval, TimeSpan StaleFixAfter, TimeSpan LateAfter, TimeSpan RecentWindow,
    RoadClass MapRoadClass, string RegionName, TimeZoneInfo TimeZone);
