namespace DemandMobility.Server.Configuration;

/// <summary>Section <c>Region</c>: the service area and optional fixed stops.</summary>
public sealed class RegionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Region";

    /// <summary><c>Region:Name</c>: display name of the service region.</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// <c>Region:ServiceArea</c>: polygon as [lon, lat] pairs (GeoJSON order), at least 3 distinct points,
    /// not self-intersecting; closing the ring (repeating the first point) is optional.
    /// </summary>
    public List<double[]> ServiceArea { get; set; } = [];

    /// <summary><c>Region:TimeZone</c>: IANA time zone of shift times (e.g. "Europe/Berlin").</summary>
    public string TimeZone { get; set; } = "Europe/Berlin";

    /// <summary><c>Region:Stops</c>: optional fixed stops (riders may book by stop id); each inside the service area.</summary>
    public List<StopOptions> Stops { get; set; } = [];
}

/// <summary>A fixed stop of the region (<c>Region:Stops:i</c>).</summary>
public sealed class StopOptions
{
    /// <summary>Unique id, 1..64 chars of [A-Za-z0-9._-].</summary>
    public string Id { get; set; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Latitude in degrees (WGS84).</summary>
    public double Lat { get; set; }

    /// <summary>Longitude in degrees (WGS84).</summary>
    public double Lon { get; set; }
}
