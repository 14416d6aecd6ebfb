namespace DemandMobility.Dispatch.Views;

/// <summary>What a dispatcher alert is about.</summary>
public enum DispatchAlertKind
{
    /// <summary>A vehicle left service (shift ended, breakdown, shift never started) and its bookings were re-planned.</summary>
    DutyLost,
    /// <summary>A booking could not be moved to another duty within its promise: someone must contact the rider.</summary>
    PromiseNotKept,
    /// <summary>A pickup window ended without the rider boarding.</summary>
    PickupLate,
    /// <summary>A pickup was given up as missed (window end plus grace passed without boarding).</summary>
    PickupMissed,
    /// <summary>A booking's connection to a train cannot be kept (train cancelled, or no vehicle meets its new time).</summary>
    ConnectionBroken,
}

/// <summary>
/// An alert for the control room, raised by the engine and kept in its log. Carries ids only, never a rider's
/// personal data.
/// </summary>
/// <param name="At">When it was raised.</param>
/// <param name="Kind">What it is about.</param>
/// <param name="VehicleId">The vehicle concerned, if any.</param>
/// <param name="BookingId">The booking (or parcel) concerned, if any.</param>
/// <param name="Message">A sentence for the dispatcher.</param>
public sealed record DispatchAlert(DateTimeOffset At, DispatchAlertKind Kind, string? VehicleId, string? BookingId, string Message);
