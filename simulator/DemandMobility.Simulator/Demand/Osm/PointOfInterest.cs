using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Demand.Osm;

/// <summary>A destination or parcel sender/station candidate of the extract.</summary>
/// <param name="Category">Demand category: school, station, doctor, pharmacy, shop, town_hall, leisure or producer.</param>
/// <param name="Name">The name tag, or "".</param>
/// <param name="Tag">The classifying tag as "key=value" (e.g. "shop=supermarket").</param>
/// <param name="Point">The node, or the centroid of the way's nodes.</param>
internal sealed record PointOfInterest(string Category, string Name, string Tag, GeoPoint Point);
