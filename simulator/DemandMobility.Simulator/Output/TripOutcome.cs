namespace DemandMobility.Simulator.Output;

/// <summary>How a demand trip ended in the simulation.</summary>
public enum TripOutcome
{
    /// <summary>Picked up and delivered.</summary>
    Served,

    /// <summary>No offer could be made (or none accepted); see <see cref="TripRecord.Reason"/>.</summary>
    Rejected,

    /// <summary>The rider declined every offer (wait too long, no acceptable alternative).</summary>
    Declined,

    /// <summary>Booked, then cancelled by the rider.</summary>
    Cancelled,

    /// <summary>Booked, but the rider did not show up at the pickup.</summary>
    NoShow,

    /// <summary>Booked but not completed when the simulation ended (day over or stopped with Ctrl-C).</summary>
    Unfinished,

    /// <summary>
    /// Booked, but the dispatcher gave the promise up: the rider's bus broke down (on board or with no other duty to
    /// take the booking) or the pickup was missed; see <see cref="TripRecord.Reason"/>.
    /// </summary>
    Disrupted,
}
