namespace DemandMobility.Transit.Realtime;

/// <summary>What real-time data means for an on-demand leg's connection.</summary>
public enum ConnectionState
{
    /// <summary>The train runs as planned; nothing changes.</summary>
    OnTime,
    /// <summary>The departing train is late: the feeder's deadline may be relaxed by the delay.</summary>
    DeadlineRelaxed,
    /// <summary>The arriving train is late: the pickup window moves by the delay; tell the rider.</summary>
    PickupMoved,
    /// <summary>The connection cannot be kept (train cancelled, or the feeder cannot arrive in time): alert and re-plan.</summary>
    Broken,
}

/// <summary>The verdict for one connection with the new times.</summary>
/// <param name="State">What happens.</param>
/// <param name="TrainTime">The train's real departure (feeder) or arrival (ride home).</param>
/// <param name="OnDemandTime">The feeder's new latest drop-off, or the ride's new earliest pickup.</param>
/// <param name="Reason">Why, for the dispatcher's alert and the rider.</param>
public sealed record ConnectionCheck(ConnectionState State, DateTimeOffset TrainTime, DateTimeOffset OnDemandTime, string Reason);
