using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The complete effect of one event on the engine state: new versions of the objects it touched. Every
/// stored event carries one, so that applying it is a plain upsert that needs neither the router nor the
/// optimiser, and replay after a restart reproduces the plan exactly (including its times). <c>Actor</c> names the
/// dispatcher ("dispatcher:&lt;subject&gt;") whose control-room action caused the event; it changes no state.
/// </summary>
internal sealed record StateDelta(
    Booking[]? Bookings = null,
    Parcel[]? Parcels = null,
    FleetVehicle[]? Vehicles = null,
    TaskRecord[]? Tasks = null,
    string[]? RemovedTasks = null,
    RouteChange[]? Routes = null,
    VehicleMarker[]? Markers = null,
    KpiDelta? Kpi = null,
    Views.DispatchAlert[]? Alerts = null,
    VehicleFix? Fix = null,
    Views.AlertAcknowledgement[]? AlertAcks = null,
    string? Actor = null);

/// <summary>
/// A GPS fix as stored: the vehicle's new position, time, heading and speed only (about 100 bytes), not the whole
/// vehicle with its shift calendar; the rest of the vehicle is unchanged by a fix. <c>RecordedAt</c> is when the device
/// took the fix (<c>At</c> is when the dispatcher received it), kept so that after a restart older fixes are still
/// refused; null in logs written before it was stored (unknown).
/// </summary>
internal sealed record VehicleFix(string VehicleId, Geo.GeoPoint Position, DateTimeOffset At, double? Heading = null, double? Speed = null,
    DateTimeOffset? RecordedAt = null);

/// <summary>The task a vehicle stands at (after "arrived", before it leaves); null clears it.</summary>
internal sealed record VehicleMarker(string VehicleId, string? ArrivedAtTask);
