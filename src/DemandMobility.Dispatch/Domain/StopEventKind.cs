namespace DemandMobility.Dispatch.Domain;

/// <summary>What a driver reports at a stop.</summary>
public enum StopEventKind
{
    /// <summary>The vehicle reached the stop of the given booking or parcel.</summary>
    Arrived,
    /// <summary>The rider boarded.</summary>
    Boarded,
    /// <summary>The rider alighted.</summary>
    DroppedOff,
    /// <summary>The rider did not come; the seat is freed.</summary>
    NoShow,
    /// <summary>The parcel was loaded.</summary>
    ParcelPickedUp,
    /// <summary>The parcel was handed over at its destination.</summary>
    ParcelHandedOver,
}
