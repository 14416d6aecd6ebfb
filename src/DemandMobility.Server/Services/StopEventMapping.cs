using DemandMobility.Contracts.V1;
using DomainStopEventKind = DemandMobility.Dispatch.Domain.StopEventKind;
using ProtoStopEventKind = DemandMobility.Contracts.V1.StopEventKind;

namespace DemandMobility.Server.Services;

/// <summary>The stop event's kind and the booking or parcel it names, shared by the single-process and cluster fleet services.</summary>
internal static class StopEventMapping
{
    /// <summary>
    /// Validates the request for <paramref name="caller"/> (a driver reports only for its own vehicle): vehicle id,
    /// event id and the reported time (null when not given).
    /// </summary>
    public static (string VehicleId, string EventId, DateTimeOffset? OccurredAt) Validate(StopEventRequest request, DemandMobility.Security.CallerContext caller)
    {
        string vehicleId = RequestValidation.VehicleId(request.VehicleId);
        RpcCaller.RequireVehicle(caller, vehicleId);
        string eventId = RequestValidation.IdempotencyKey(request.EventId, "event_id");
        DateTimeOffset? occurredAt = request.OccurredAt is null ? null : RequestValidation.Time(request.OccurredAt, "occurred_at");
        return (vehicleId, eventId, occurredAt);
    }

    /// <summary>The engine's kind; null for a departure (the engine has no departure event: it changes nothing in the plan).</summary>
    public static DomainStopEventKind? KindOf(StopEventRequest request) => request.Kind switch
    {
        ProtoStopEventKind.Arrived => DomainStopEventKind.Arrived,
        ProtoStopEventKind.Boarded => DomainStopEventKind.Boarded,
        ProtoStopEventKind.DroppedOff => DomainStopEventKind.DroppedOff,
        ProtoStopEventKind.NoShow => DomainStopEventKind.NoShow,
        ProtoStopEventKind.ParcelPickedUp => DomainStopEventKind.ParcelPickedUp,
        ProtoStopEventKind.ParcelHandedOver => DomainStopEventKind.ParcelHandedOver,
        ProtoStopEventKind.Departed => null,
        _ => throw RpcErrors.Invalid("kind", $"{request.Kind} is not a stop event kind."),
    };

    /// <summary>
    /// The booking or parcel the event is about: required for boarding, drop-off, no-show and parcel events; for
    /// an arrival the one given, else the first served at <c>stop_id</c> on the manifest.
    /// </summary>
    public static string SubjectOf(StopEventRequest request, DomainStopEventKind? kind, Func<string, string> subjectAtStop) => kind switch
    {
        null => "",
        DomainStopEventKind.Boarded or DomainStopEventKind.DroppedOff or DomainStopEventKind.NoShow =>
            RequestValidation.Id(request.BookingId, "booking_id"),
        DomainStopEventKind.ParcelPickedUp or DomainStopEventKind.ParcelHandedOver =>
            RequestValidation.Id(request.ParcelId, "parcel_id"),
        _ => request.BookingId is { Length: > 0 } b ? b : request.ParcelId is { Length: > 0 } p ? p : subjectAtStop(request.StopId),
    };

    /// <summary>The first booking or parcel served at the manifest stop <paramref name="stopId"/>.</summary>
    public static string SubjectAt(Dispatch.Views.ManifestView manifest, string stopId)
    {
        RequestValidation.Id(stopId, "stop_id");
        foreach (var s in manifest.Stops)
        {
            if (ProtoMapping.StopIdOf(s.Point) != stopId) continue;
            if (s.Board.Length > 0) return s.Board[0].SubjectId;
            if (s.Alight.Length > 0) return s.Alight[0].SubjectId;
        }
        throw RpcErrors.NotFound($"Stop '{stopId}' is not on the manifest of vehicle '{manifest.VehicleId}'.");
    }

    /// <summary>True when the fix's fields can be read (coordinates, speed, a valid recorded_at); plausibility is the engine's rule.</summary>
    public static bool WellFormed(PositionFix fix, out DateTimeOffset recordedAt)
    {
        recordedAt = default;
        if (!double.IsFinite(fix.Lat) || !double.IsFinite(fix.Lon) || fix.Lat is < -90 or > 90 || fix.Lon is < -180 or > 180) return false;
        if (!double.IsFinite(fix.SpeedMps) || fix.SpeedMps < 0) return false;
        return RequestValidation.TryTime(fix.RecordedAt, out recordedAt);
    }
}
