namespace DemandMobility.Routing.Places;

/// <summary>What a named place of the <see cref="PlaceIndex"/> is.</summary>
public enum PlaceKind : byte
{
    /// <summary>A settlement (OSM place=city/town/village/hamlet/suburb).</summary>
    Locality,
    /// <summary>A bus stop (OSM highway=bus_stop).</summary>
    BusStop,
    /// <summary>A named point of interest (amenity, shop, tourism, leisure, office, public building…).</summary>
    Poi,
    /// <summary>A street (named highway way).</summary>
    Street,
    /// <summary>An address (addr:street + addr:housenumber on a node or building).</summary>
    Address,
}
