namespace DemandMobility.Dispatch.Events;

/// <summary>The stable names of stored events. Never rename one: old logs must replay.</summary>
public static class EventTypes
{
    /// <summary>A vehicle was added to the fleet.</summary>
    public const string VehicleRegistered = "VehicleRegistered";
    /// <summary>A shift started.</summary>
    public const string ShiftStarted = "ShiftStarted";
    /// <summary>A shift ended.</summary>
    public const string ShiftEnded = "ShiftEnded";
    /// <summary>A GPS fix moved the vehicle and its ETAs.</summary>
    public const string PositionReported = "PositionReported";
    /// <summary>An offer was made.</summary>
    public const string OfferIssued = "OfferIssued";
    /// <summary>A quote found no feasible vehicle.</summary>
    public const string QuoteRejected = "QuoteRejected";
    /// <summary>A booking was confirmed and put into the plan.</summary>
    public const string BookingConfirmed = "BookingConfirmed";
    /// <summary>A booking was cancelled (and left the plan).</summary>
    public const string BookingCancelled = "BookingCancelled";
    /// <summary>A parcel was accepted and planned.</summary>
    public const string ParcelPlanned = "ParcelPlanned";
    /// <summary>A parcel was cancelled.</summary>
    public const string ParcelCancelled = "ParcelCancelled";
    /// <summary>A driver reported a stop event.</summary>
    public const string StopEventRecorded = "StopEventRecorded";
    /// <summary>The re-optimiser replaced the plan.</summary>
    public const string PlanReoptimised = "PlanReoptimised";
    /// <summary>Service windows were added to a vehicle's shift calendar.</summary>
    public const string ShiftsScheduled = "ShiftsScheduled";

    /// <summary>A vehicle was taken out of service (a breakdown).</summary>
    public const string VehicleOutOfService = "VehicleOutOfService";
    /// <summary>The stops of duties that left service were taken off their vehicle, to be re-planned.</summary>
    public const string DutyReleased = "DutyReleased";
    /// <summary>A booking or parcel of a duty that left service was moved onto another duty.</summary>
    public const string TaskReplanned = "TaskReplanned";
    /// <summary>A booking or parcel of a duty that left service could not be moved: its promise is not kept.</summary>
    public const string PromiseNotKept = "PromiseNotKept";
    /// <summary>A pickup window ended without boarding.</summary>
    public const string PickupLate = "PickupLate";
    /// <summary>A pickup was given up as missed.</summary>
    public const string PickupMissed = "PickupMissed";

    /// <summary>A dispatcher acknowledged an alert.</summary>
    public const string AlertAcknowledged = "AlertAcknowledged";
    /// <summary>A dispatcher moved a confirmed booking to another vehicle.</summary>
    public const string BookingMoved = "BookingMoved";

    /// <summary>A traveller's personal data was erased (its key deleted, the sealed value dropped).</summary>
    public const string PersonalDataErased = "PersonalDataErased";

    /// <summary>A train's delay moved a tied booking's promise (feeder deadline or ride-home pickup window).</summary>
    public const string ConnectionRetimed = "ConnectionRetimed";
    /// <summary>A tied booking's connection cannot be kept: alert and notice (the replacement follows).</summary>
    public const string ConnectionBroken = "ConnectionBroken";
    /// <summary>A booking whose connection was lost ends with the replacement offered to the rider.</summary>
    public const string ConnectionReplaced = "ConnectionReplaced";

    /// <summary>A dispatcher moved the end of a vehicle's running shift later (the event names the dispatcher).</summary>
    public const string ShiftExtended = "ShiftExtended";

    /// <summary>Every known name.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        VehicleRegistered, ShiftStarted, ShiftEnded, PositionReported, OfferIssued, QuoteRejected, BookingConfirmed,
        BookingCancelled, ParcelPlanned, ParcelCancelled, StopEventRecorded, PlanReoptimised, ShiftsScheduled,
        VehicleOutOfService, DutyReleased, TaskReplanned, PromiseNotKept, PickupLate, PickupMissed, PersonalDataErased,
        ConnectionRetimed, ConnectionBroken, ConnectionReplaced,
        AlertAcknowledged, BookingMoved, ShiftExtended,
    };
}
