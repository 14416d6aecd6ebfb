namespace DemandMobility.Simulator.Output;

/// <summary>A named settlement of the OSM extract, for map labels and the unserved-demand table by village.</summary>
/// <param name="Name">The place's name.</param>
/// <param name="PlaceType">The <c>place=*</c> value (city, town, village, hamlet, isolated_dwelling).</param>
/// <param name="Latitude">Latitude of the place node (or the centroid of a place area).</param>
/// <param name="Longitude">Longitude.</param>
/// <param name="Population">The <c>population</c> tag, or the default of its type.</param>
public sealed record PlaceLabel(string Name, string PlaceType, double Latitude, double Longitude, double Population);
