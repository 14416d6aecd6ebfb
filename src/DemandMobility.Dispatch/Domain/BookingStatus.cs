namespace DemandMobility.Dispatch.Domain;

/// <summary>Life cycle of a booking: Requested → Offered → Confirmed → OnBoard → Completed, or Cancelled / NoShow.</summary>
public enum BookingStatus
{
    /// <summary>Asked for, not yet answered.</summary>
    Requested,
    /// <summary>An offer with a promised pickup window was made and awaits confirmation.</summary>
    Offered,
    /// <summary>Confirmed: the promise is binding and the trip is in the plan.</summary>
    Confirmed,
    /// <summary>The rider boarded.</summary>
    OnBoard,
    /// <summary>The rider was dropped off.</summary>
    Completed,
    /// <summary>Cancelled by the rider or the dispatcher before boarding.</summary>
    Cancelled,
    /// <summary>The rider did not show up at the pickup.</summary>
    NoShow,
}
