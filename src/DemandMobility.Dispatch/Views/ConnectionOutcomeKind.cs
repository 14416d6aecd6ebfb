namespace DemandMobility.Dispatch.Views;

/// <summary>What a train's real-time status did to an on-demand trip tied to it.</summary>
public enum ConnectionOutcomeKind
{
    /// <summary>The departing train is late: the feeder's latest drop-off moved later.</summary>
    DeadlineRelaxed,
    /// <summary>The departing train leaves earlier than assumed: the feeder's latest drop-off moved earlier and still holds.</summary>
    DeadlineTightened,
    /// <summary>The arriving train is late: the ride home's pickup window moved with it (the rider is told).</summary>
    PickupMoved,
    /// <summary>The connection cannot be kept: the dispatcher is alerted and the rider must be offered another connection.</summary>
    Broken,
}
