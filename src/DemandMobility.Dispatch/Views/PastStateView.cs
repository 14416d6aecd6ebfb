using System.Collections.Immutable;

namespace DemandMobility.Dispatch.Views;

/// <summary>
/// The engine's state as it was at a past moment, rebuilt from the event log (what the control room saw then): every
/// vehicle with its position and plan, every booking with its status, the alerts raised until then.
/// </summary>
/// <remarks>
/// <c>At</c> is the moment asked for (events that occurred at or before it are applied); <c>Sequence</c> the last event
/// applied (0: none) and <c>LastEventAt</c> when it occurred; <c>LogSequence</c> the last event in the log when it was
/// read, so a caller sees how far back it looks.
/// </remarks>
public sealed record PastStateView(
    DateTimeOffset At,
    long Sequence,
    DateTimeOffset? LastEventAt,
    long LogSequence,
    ImmutableArray<PastVehicleView> Vehicles,
    ImmutableArray<PastBookingView> Bookings,
    ImmutableArray<DispatchAlert> Alerts);
