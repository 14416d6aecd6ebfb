namespace DemandMobility.Dispatch.Domain;

/// <summary>Life cycle of a parcel: Submitted → Planned → PickedUp → Delivered | DeliveredLate, or Cancelled before pickup.</summary>
public enum ParcelStatus
{
    /// <summary>Received, not yet in the plan.</summary>
    Submitted,
    /// <summary>In a vehicle's plan.</summary>
    Planned,
    /// <summary>Loaded onto the vehicle.</summary>
    PickedUp,
    /// <summary>Handed over inside the delivery window.</summary>
    Delivered,
    /// <summary>Handed over after the delivery window.</summary>
    DeliveredLate,
    /// <summary>Cancelled before pickup.</summary>
    Cancelled,
}
