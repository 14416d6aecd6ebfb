namespace DemandMobility.Dispatch.Views;

/// <summary>Why a quote got no offer; the transport layer maps it to its own reason codes.</summary>
public enum QuoteRejectionReason
{
    /// <summary>Vehicles are on shift at the requested time, but none can take the trip without breaking a promise.</summary>
    NoCapacity,
    /// <summary>Origin or destination lies outside the configured service area.</summary>
    OutsideServiceArea,
    /// <summary>No registered vehicle's shift covers the requested time (outside operating hours).</summary>
    OutsideServiceHours,
}
