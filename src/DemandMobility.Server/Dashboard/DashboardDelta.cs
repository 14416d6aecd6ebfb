namespace DemandMobility.Server.Dashboard;

/// <summary>
/// A <c>delta</c> event of the push feed: what changed between the snapshot state after event <see cref="Base"/> and
/// this one (<see cref="Sequence"/>). A section is null when nothing in it changed. Applied in order to the
/// <c>snapshot</c> event it follows, the deltas give the snapshot the server would send now.
/// </summary>
/// <param name="Sequence">This event's number (also in its SSE <c>id</c>).</param>
/// <param name="Base">The event it applies to; a page that holds another one asks for a new snapshot.</param>
/// <param name="At">The snapshot's time ("now").</param>
/// <param name="Kpis">The whole KPI strip, when it changed.</param>
/// <param name="Vehicles">Vehicle cards added/changed/removed by id.</param>
/// <param name="Bookings">Booking cards added/changed/removed by id (the page lists at most 500).</param>
/// <param name="Alerts">The whole list of computed alerts, when it changed (a few, ordered by severity).</param>
/// <param name="EngineAlerts">The engine's alerts added/changed (acknowledged)/removed by id.</param>
/// <param name="PassedAlerts">The whole history of acknowledged computed alerts that passed, when it changed.</param>
public sealed record DashboardDelta(
    long Sequence, long Base, DateTimeOffset At, KpiStrip? Kpis,
    EntityChanges<VehicleCard>? Vehicles, EntityChanges<BookingCard>? Bookings,
    IReadOnlyList<DashboardAlert>? Alerts, EntityChanges<ControlAlertCard>? EngineAlerts,
    IReadOnlyList<PassedAlertCard>? PassedAlerts = null);

/// <summary>Changes of one list of cards keyed by their <c>id</c>.</summary>
/// <param name="Upsert">Cards added or changed (whole cards, with every field).</param>
/// <param name="Remove">Ids no longer listed.</param>
/// <param name="Order">Every id in the new order, when the order or membership changed; null when it stayed.</param>
public sealed record EntityChanges<T>(IReadOnlyList<T> Upsert, IReadOnlyList<string> Remove, IReadOnlyList<string>? Order);
