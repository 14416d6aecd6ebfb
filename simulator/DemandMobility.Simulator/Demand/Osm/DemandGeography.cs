using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Demand.Osm;

/// <summary>
/// The part of an <see cref="OsmDemandCatalog"/> inside one service area, with each settlement's residential road
/// nodes found once (grid lookup), so that drawing a home is a table lookup.
/// </summary>
internal sealed class DemandGeography
{
    private readonly double[] _homeLat;
    private readonly double[] _homeLon;
    private readonly int[][] _homesOfSettlement;

    private readonly ServiceArea? _area;

    public DemandGeography(OsmDemandCatalog catalog, ServiceArea? area)
    {
        _area = area;
        var settlements = ImmutableArray.CreateBuilder<Settlement>();
        foreach (var s in catalog.Settlements)
            if (area is null || area.Contains(s.Centre))
                settlements.Add(s);
        Settlements = settlements.ToImmutable();

        var pois = ImmutableArray.CreateBuilder<PointOfInterest>();
        foreach (var p in catalog.Pois)
            if (area is null || area.Contains(p.Point))
                pois.Add(p);
        Pois = pois.ToImmutable();

        var lat = new List<double>();
        var lon = new List<double>();
        for (int i = 0; i < catalog.HomeLatitudes.Length; i++)
        {
            var p = new GeoPoint(catalog.HomeLatitudes[i], catalog.HomeLongitudes[i]);
            if (area is not null && !area.Contains(p))
                continue;
            lat.Add(p.Latitude);
            lon.Add(p.Longitude);
        }
        _homeLat = [.. lat];
        _homeLon = [.. lon];

        var grid = new PointGrid(_homeLat, _homeLon);
        _homesOfSettlement = new int[Settlements.Length][];
        for (int i = 0; i < Settlements.Length; i++)
            _homesOfSettlement[i] = grid.Within(Settlements[i].Centre, Settlements[i].RadiusMetres);
        Grid = grid;
    }

    /// <summary>Settlements inside the area.</summary>
    public ImmutableArray<Settlement> Settlements { get; }

    /// <summary>POIs inside the area.</summary>
    public ImmutableArray<PointOfInterest> Pois { get; }

    /// <summary>Residential road nodes inside the area.</summary>
    public int HomeCount => _homeLat.Length;

    /// <summary>Spatial index of the residential road nodes.</summary>
    public PointGrid Grid { get; }

    /// <summary>The residential road node with this index.</summary>
    public GeoPoint Home(int index) => new(_homeLat[index], _homeLon[index]);

    /// <summary>
    /// A home in settlement <paramref name="settlement"/>: one of the residential road nodes within its radius, or,
    /// where none is mapped (small hamlets), a point drawn uniformly within half the radius of the place node and
    /// inside the service area (the place node itself when a few draws all fall outside).
    /// </summary>
    public GeoPoint DrawHome(int settlement, Random random)
    {
        var homes = _homesOfSettlement[settlement];
        if (homes.Length > 0)
            return Home(homes[random.Next(homes.Length)]);
        var s = Settlements[settlement];
        for (int attempt = 0; attempt < 8; attempt++)
        {
            double r = s.RadiusMetres * 0.5 * Math.Sqrt(random.NextDouble());
            double angle = random.NextDouble() * 2 * Math.PI;
            double dLat = r * Math.Cos(angle) / 111_320.0;
            double dLon = r * Math.Sin(angle) / (111_320.0 * Math.Cos(s.Centre.Latitude * Math.PI / 180));
            var p = new GeoPoint(s.Centre.Latitude + dLat, s.Centre.Longitude + dLon);
            if (_area is null || _area.Contains(p))
                return p;
        }
        return s.Centre;
    }
}
