using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using DemandMobility.Dispatch.Geo;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;

namespace DemandMobility.Cluster.Areas;

/// <summary>
/// The region's service areas with point location: a trip belongs to the area of its origin. Containment is
/// planar on lon/lat degrees (adequate for areas of a few tens of kilometres) with NetTopologySuite's indexed
/// point-in-area locator; a point on a shared border belongs to the first area listed.
/// </summary>
public sealed partial class ServiceAreaMap
{
    private readonly (ServiceAreaDefinition Area, IPointOnGeometryLocator Locator)[] _areas;
    private readonly FrozenDictionary<string, ServiceAreaDefinition> _byId;

    private ServiceAreaMap((ServiceAreaDefinition, IPointOnGeometryLocator)[] areas)
    {
        _areas = areas;
        _byId = areas.ToFrozenDictionary(a => a.Item1.Id, a => a.Item1, StringComparer.Ordinal);
    }

    /// <summary>The areas in configuration order.</summary>
    public IEnumerable<ServiceAreaDefinition> Areas => _areas.Select(a => a.Area);

    /// <summary>
    /// Validates and indexes the areas.
    /// </summary>
    /// <exception cref="ArgumentException">Names the first problem: a bad or duplicate id, a degenerate or
    /// self-intersecting boundary, an unknown destination area.</exception>
    public static ServiceAreaMap Create(IReadOnlyList<ServiceAreaDefinition> areas)
    {
        if (areas.Count == 0) throw new ArgumentException("At least one service area is required.", nameof(areas));
        var factory = new GeometryFactory();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var indexed = new (ServiceAreaDefinition, IPointOnGeometryLocator)[areas.Count];
        for (int i = 0; i < areas.Count; i++)
        {
            var area = areas[i];
            if (area.Id is null || !AreaId().IsMatch(area.Id))
                throw new ArgumentException($"Service area {i}: id '{area.Id}' must be 1–40 of [a-z0-9_] starting with a letter.", nameof(areas));
            if (!ids.Add(area.Id)) throw new ArgumentException($"Service area id '{area.Id}' is used twice.", nameof(areas));
            var boundary = area.Boundary.IsDefault ? [] : area.Boundary;
            if (boundary.Any(p => !p.IsValid))
                throw new ArgumentException($"Service area '{area.Id}': a boundary point is not a valid coordinate.", nameof(areas));
            var ring = boundary.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToList();
            if (ring.Count > 1 && ring[0].Equals2D(ring[^1])) ring.RemoveAt(ring.Count - 1);
            if (ring.Distinct().Count() < 3)
                throw new ArgumentException($"Service area '{area.Id}': the boundary needs at least three distinct points.", nameof(areas));
            ring.Add(ring[0]);
            var polygon = factory.CreatePolygon([.. ring]);
            if (!polygon.IsValid || polygon.Area <= 0)
                throw new ArgumentException($"Service area '{area.Id}': the boundary is self-intersecting or has no area.", nameof(areas));
            indexed[i] = (area, new IndexedPointInAreaLocator(polygon));
        }
        foreach (var area in areas)
            foreach (var destination in area.DestinationAreas.IsDefault ? [] : area.DestinationAreas)
                if (!ids.Contains(destination))
                    throw new ArgumentException($"Service area '{area.Id}': destination area '{destination}' is not defined.", nameof(areas));
        return new ServiceAreaMap(indexed);
    }

    /// <summary>The area containing <paramref name="point"/> (border included), or null outside all.</summary>
    public ServiceAreaDefinition? AreaOf(GeoPoint point)
    {
        var c = new Coordinate(point.Longitude, point.Latitude);
        foreach (var (area, locator) in _areas)
            if (locator.Locate(c) != Location.Exterior) return area;
        return null;
    }

    /// <summary>The area with this id, or null.</summary>
    public ServiceAreaDefinition? Find(string areaId) => _byId.GetValueOrDefault(areaId);

    /// <summary>True when a trip starting in <paramref name="origin"/> may end in <paramref name="destinationAreaId"/>.</summary>
    public static bool AllowsDestination(ServiceAreaDefinition origin, string destinationAreaId) =>
        origin.Id == destinationAreaId || (!origin.DestinationAreas.IsDefault && origin.DestinationAreas.Contains(destinationAreaId));

    // Used as a PostgreSQL schema suffix and an id prefix: no dot, no upper case.
    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex AreaId();
}
