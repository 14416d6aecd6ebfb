using DemandMobility.Routing.Pbf;

namespace DemandMobility.Simulator.Demand.Osm;

/// <summary>Maps OSM tags to the demand categories of <see cref="DemandSettings.DestinationWeights"/> (OSM wiki "Map features").</summary>
internal static class PoiClassifier
{
    /// <summary>The category and classifying tag of a feature, or null when it is no demand POI.</summary>
    public static (string Category, string Tag)? Classify(OsmTags tags)
    {
        string? amenity = tags["amenity"];
        switch (amenity)
        {
            case "school" or "college":
                return ("school", "amenity=" + amenity);
            case "doctors" or "clinic" or "hospital" or "dentist":
                return ("doctor", "amenity=" + amenity);
            case "pharmacy":
                return ("pharmacy", "amenity=" + amenity);
            case "townhall":
                return ("town_hall", "amenity=" + amenity);
        }
        string? railway = tags["railway"];
        if (railway is "station" or "halt")
            return ("station", "railway=" + railway);
        if (tags["public_transport"] == "station")
            return ("station", "public_transport=station");
        string? shop = tags["shop"];
        if (shop is not null && shop is not ("no" or "vacant" or "disused"))
            return ("shop", "shop=" + shop);
        string? craft = tags["craft"];
        if (craft is not null && craft != "no")
            return ("producer", "craft=" + craft);
        if (amenity is "restaurant" or "cafe" or "pub" or "community_centre" or "place_of_worship" or "library" or "cinema" or "theatre")
            return ("leisure", "amenity=" + amenity);
        string? leisure = tags["leisure"];
        if (leisure is "sports_centre" or "swimming_pool" or "stadium" or "fitness_centre")
            return ("leisure", "leisure=" + leisure);
        return null;
    }
}
