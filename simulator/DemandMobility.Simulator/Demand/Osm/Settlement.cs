using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Demand.Osm;

/// <summary>A settlement of the extract (<c>place=city|town|village|hamlet|isolated_dwelling</c>).</summary>
/// <param name="Name">Its name, or "" when untagged.</param>
/// <param name="PlaceType">The place tag's value.</param>
/// <param name="Population">The <c>population</c> tag, or the size-class default (see <see cref="OsmDemandCatalog"/>).</param>
/// <param name="Centre">The place node (or the centroid of a place way).</param>
internal sealed record Settlement(string Name, string PlaceType, double Population, GeoPoint Centre)
{
    /// <summary>
    /// Radius of the built-up area in metres, grown with the square root of the population (area ∝ people):
    /// 150 m for 50 inhabitants, ≈ 470 m for 500, 1.5 km for 5,000, 3 km for 20,000.
    /// </summary>
    public double RadiusMetres => Math.Clamp(150 * Math.Sqrt(Population / 50), 100, 4000);
}
