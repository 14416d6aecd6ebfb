namespace DemandMobility.Simulator.Demand;

/// <summary>The "parcels" part of the demand section (KombiBUS): village shops and producers send parcels to pickup stations.</summary>
public sealed record ParcelDemandSettings
{
    /// <summary>Parcels per day.</summary>
    public int ParcelsPerDay { get; init; } = 40;

    /// <summary>Size distribution (default 1 unit 60 %, 2 units 30 %, 4 units 10 %).</summary>
    public IReadOnlyList<ParcelSizeShare> Sizes { get; init; } =
    [
        new() { Units = 1, Share = 0.6 },
        new() { Units = 2, Share = 0.3 },
        new() { Units = 4, Share = 0.1 },
    ];

    /// <summary>Senders; null or empty takes OSM <c>shop=*</c> (farm shops included) and <c>craft=*</c> features inside the area.</summary>
    public IReadOnlyList<NamedPlace>? Senders { get; init; }

    /// <summary>Pickup stations; null or empty takes OSM town halls, stations and supermarkets in villages and towns of at least <see cref="StationMinPopulation"/>.</summary>
    public IReadOnlyList<NamedPlace>? PickupStations { get; init; }

    /// <summary>Population (or size-class weight) a settlement needs for its POIs to become pickup stations.</summary>
    public double StationMinPopulation { get; init; } = 400;

    /// <summary>First time ("HH:mm") a parcel is submitted.</summary>
    public string FirstSubmission { get; init; } = "08:00";

    /// <summary>Last time ("HH:mm") a parcel is submitted.</summary>
    public string LastSubmission { get; init; } = "16:00";

    /// <summary>Minutes after submission that a parcel is ready at the sender.</summary>
    public int ReadyAfterMinutes { get; init; } = 15;

    /// <summary>Delivery window length in minutes: deliver by = ready + this.</summary>
    public int DeliveryWindowMinutes { get; init; } = 240;
}
