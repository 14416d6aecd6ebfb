namespace DemandMobility.Server.Dashboard;

/// <summary>
/// <c>GET /dashboard/api/replay?at=…</c>: the state at a past moment, rebuilt from the event log (the replay slider).
/// <c>sequence</c> is the last event applied, <c>logSequence</c> the last one in the log.
/// </summary>
public sealed record ReplayCard(
    DateTimeOffset At, long Sequence, DateTimeOffset? LastEventAt, long LogSequence,
    IReadOnlyList<ReplayVehicleCard> Vehicles, IReadOnlyList<ReplayBookingCard> Bookings, IReadOnlyList<ReplayAlertCard> Alerts);

/// <summary>A vehicle then: <c>state</c> is <c>off-shift</c>, <c>on-shift</c> or <c>out-of-service</c>.</summary>
public sealed record ReplayVehicleCard(
    string Id, string State, double? Lat, double? Lon, DateTimeOffset? FixAt, DateTimeOffset ShiftEnd, int PlannedStops,
    IReadOnlyList<ReplayStopCard> NextStops);

/// <summary>A planned stop then.</summary>
public sealed record ReplayStopCard(string BookingId, string Kind, double? Lat, double? Lon, DateTimeOffset PlannedArrival);

/// <summary>A booking then.</summary>
public sealed record ReplayBookingCard(
    string Id, string Status, string RiderId, string? VehicleId, double? PickupLat, double? PickupLon, double? DropoffLat, double? DropoffLon,
    DateTimeOffset? PromisedFrom, DateTimeOffset? PromisedUntil, DateTimeOffset CreatedAt);

/// <summary>An engine alert raised until then.</summary>
public sealed record ReplayAlertCard(DateTimeOffset At, string Kind, string? VehicleId, string? BookingId, string Message);

/// <summary><c>GET /dashboard/api/me</c>: the token's subject and role; <c>canAct</c> is false for planners (read-only console).</summary>
public sealed record ConsoleUser(string Subject, string Role, bool CanAct);
