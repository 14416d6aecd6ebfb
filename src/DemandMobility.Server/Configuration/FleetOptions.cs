namespace DemandMobility.Server.Configuration;

/// <summary>Section <c>Fleet</c>: vehicles registered at start (more can be registered over the API).</summary>
public sealed class FleetOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Fleet";

    /// <summary><c>Fleet:Vehicles</c>: the default vehicles.</summary>
    public List<VehicleOptions> Vehicles { get; set; } = [];
}

/// <summary>One configured vehicle (<c>Fleet:Vehicles:i</c>).</summary>
public sealed class VehicleOptions
{
    /// <summary>Unique id, 1..64 chars of [A-Za-z0-9._-], e.g. "bus-1".</summary>
    public string Id { get; set; } = "";

    /// <summary>Passenger seats, 1..60.</summary>
    public int Seats { get; set; }

    /// <summary>Wheelchair places, 0..4.</summary>
    public int WheelchairPlaces { get; set; }

    /// <summary>Parcel units (KombiBUS crates), 0..50.</summary>
    public int ParcelUnits { get; set; }

    /// <summary>Bulky luggage places, 0..10.</summary>
    public int Luggage { get; set; }

    /// <summary>Depot latitude (WGS84); the depot must be inside the service area.</summary>
    public double DepotLat { get; set; }

    /// <summary>Depot longitude (WGS84).</summary>
    public double DepotLon { get; set; }

    /// <summary>Daily shift start, local time of day (e.g. "06:00").</summary>
    public TimeOnly ShiftStart { get; set; } = new(6, 0);

    /// <summary>Daily shift end, local time of day, after <see cref="ShiftStart"/>, at most 14 h later.</summary>
    public TimeOnly ShiftEnd { get; set; } = new(20, 0);
}
