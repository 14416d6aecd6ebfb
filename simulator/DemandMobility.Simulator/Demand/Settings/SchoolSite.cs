namespace DemandMobility.Simulator.Demand;

/// <summary>
/// One school of the school section: where it is (lat/lon, or looked up in the OSM extract by name among
/// <c>amenity=school</c> features), its bell time and its pupils.
/// </summary>
public sealed record SchoolSite
{
    /// <summary>Id used in trip ids and, with separate vehicles per school, as the trips' service group.</summary>
    public string Id { get; init; } = "";

    /// <summary>Display name; also the text searched (case-insensitive, contained) among OSM schools when no lat/lon is given.</summary>
    public string? Name { get; init; }

    /// <summary>Latitude; give both lat and lon or neither.</summary>
    public double? Lat { get; init; }

    /// <summary>Longitude; give both lat and lon or neither.</summary>
    public double? Lon { get; init; }

    /// <summary>Bell time "HH:mm" on the simulated day.</summary>
    public string Bell { get; init; } = "08:00";

    /// <summary>Pupils of this school; null splits the section's <c>pupils</c> evenly over schools without a count.</summary>
    public int? Pupils { get; init; }

    /// <summary>Age groups taught here (names from <c>age_groups</c>); null or empty means all.</summary>
    public IReadOnlyList<string>? AgeGroups { get; init; }
}
