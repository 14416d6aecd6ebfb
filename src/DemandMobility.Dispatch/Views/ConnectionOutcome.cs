using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Views;

/// <summary>The effect of a train's real-time status on one booking.</summary>
/// <param name="BookingId">The booking.</param>
/// <param name="RiderId">Its rider (a replacement is offered to them).</param>
/// <param name="Train">The connection as it was before (scheduled time, delay known at the quote).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Delay">The train's delay now.</param>
/// <param name="PromisedTime">The feeder's new latest drop-off, or the ride home's new pickup window start; null when broken.</param>
/// <param name="Reason">One sentence: why (for the alert, the rider's notice and the trip log).</param>
public sealed record ConnectionOutcome(
    string BookingId, string RiderId, TrainConnection Train, ConnectionOutcomeKind Kind, TimeSpan Delay, DateTimeOffset? PromisedTime, string Reason);
