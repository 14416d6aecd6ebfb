namespace DemandMobility.Routing.Places;

/// <summary>A place found by name or position.</summary>
/// <param name="Label">What riders and drivers read: "Bindlach, Bayreuther Straße 12", "Rathaus", "Bindlach".</param>
/// <param name="Kind">What the place is.</param>
/// <param name="Latitude">WGS84 latitude of the place (a street's point nearest the query, or its first segment's middle).</param>
/// <param name="Longitude">WGS84 longitude.</param>
/// <param name="DistanceMetres">Distance from the queried position; 0 for a search by name.</param>
public sealed record NamedPlace(string Label, PlaceKind Kind, double Latitude, double Longitude, double DistanceMetres = 0);
