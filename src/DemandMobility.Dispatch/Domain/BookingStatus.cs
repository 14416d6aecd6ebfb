namespace DemandMobility.Dispatch.Domain;

/// <summary>Life cycle of a booking: Requested → Offered → Confirmed → OnBoard → Completed, or Cancelled / NoShow / Disrupted / Missed.</summary>
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
    /// <summary>
    /// The promise cannot be kept: its vehicle left service (shift ended, breakdown, shift never started) and no other
    /// duty could take the trip within its promise. The control room was alerted and contacts the rider.
    /// </summary>
    Disrupted,
    /// <summary>The promised pickup window ended (plus a grace) without the rider boarding: the pickup was missed.</summary>
    Missed,
}
