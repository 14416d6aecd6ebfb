using System.Collections.Immutable;
using DemandMobility.Simulator.Demand.Osm;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Output;

/// <summary>The named settlements of a scenario's extract around its service area (read once per extract and process).</summary>
public static class PlaceLabels
{
    /// <summary>Margin around the service area's bounding box, degrees of latitude (≈ 3 km): places just outside still label the map's edge.</summary>
    private const double MarginDegrees = 0.03;

    /// <summary>Named settlements within the service area's bounding box plus a margin, largest first.</summary>
    /// <exception cref="FileNotFoundException">The extract does not exist.</exception>
    public static ImmutableArray<PlaceLabel> Read(LoadedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var ring = scenario.Area.Ring;
        double minLat = ring.Min(p => p.Latitude) - MarginDegrees, maxLat = ring.Max(p => p.Latitude) + MarginDegrees;
        double minLon = ring.Min(p => p.Longitude) - MarginDegrees * 1.5, maxLon = ring.Max(p => p.Longitude) + MarginDegrees * 1.5;
        return [.. OsmDemandCatalog.Load(scenario.PbfPath).Settlements
            .Where(s => s.Name.Length > 0 && s.Centre.Latitude >= minLat && s.Centre.Latitude <= maxLat
                        && s.Centre.Longitude >= minLon && s.Centre.Longitude <= maxLon)
            .OrderByDescending(s => s.Population).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new PlaceLabel(s.Name, s.PlaceType, s.Centre.Latitude, s.Centre.Longitude, s.Population))];
    }
}
