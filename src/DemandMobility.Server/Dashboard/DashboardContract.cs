namespace DemandMobility.Server.Dashboard;

// The JSON contract of /dashboard/api/* (serialised camelCase; times ISO 8601 UTC). docs/dashboard.md describes it.

/// <summary>Everything the page shows, read at one moment: <c>GET /dashboard/api/snapshot</c>.</summary>
/// <param name="At">The server's "now" (the engine's clock).</param>
/// <param name="Region">Region name from <c>Region:Name</c>.</param>
/// <param name="TimeZone">IANA time zone of the region, for displaying times.</param>
/// <param name="RefreshSeconds">The longest gap between two pushed snapshots when nothing changes (<c>Dashboard:RefreshInterval</c>).</param>
/// <param name="Kpis">The KPI strip.</param>
/// <param name="Vehicles">Every registered vehicle.</param>
/// <param name="Bookings">Open bookings and today's finished ones.</param>
/// <param name="Alerts">Current alerts, most severe first.</param>
/// <param name="ServiceArea">The engine's service area as [lat, lon] corners; empty when the whole map is served.</param>
/// <param name="EngineAlerts">The engine's alerts of the last 24 hours, newest first (at most 200), with their acknowledgements.</param>
/// <param name="PassedAlerts">Computed alerts acknowledged in the last 24 hours that no longer hold, newest acknowledgement first (at most 50): the history.</param>
/// <param name="Areas">In cluster mode the service areas (<c>Cluster:Areas</c>) with their outlines, in configuration order; empty in one process.</param>
public sealed record DashboardSnapshot(
    DateTimeOffset At, string Region, string TimeZone, int RefreshSeconds, KpiStrip Kpis,
    IReadOnlyList<VehicleCard> Vehicles, IReadOnlyList<BookingCard> Bookings, IReadOnlyList<DashboardAlert> Alerts,
    IReadOnlyList<double[]> ServiceArea, IReadOnlyList<ControlAlertCard>? EngineAlerts = null, IReadOnlyList<PassedAlertCard>? PassedAlerts = null,
    IReadOnlyList<AreaCard>? Areas = null);

/// <summary>A service area of the cluster: its id (the prefix of its vehicle and booking ids) and outline as [lat, lon] corners.</summary>
public sealed record AreaCard(string Id, IReadOnlyList<double[]> Outline);

/// <summary>A computed alert that was acknowledged and has passed: what it was about (from its id) and who dealt with it when.</summary>
/// <param name="Id">Its id (<see cref="ComputedAlertIds"/>).</param>
/// <param name="Kind"><c>late</c>, <c>no-fix</c>, <c>rejected</c> or <c>no-show</c>.</param>
/// <param name="VehicleId">The vehicle, for late and no-fix.</param>
/// <param name="BookingId">The booking, for late (the first late one) and no-show.</param>
/// <param name="AcknowledgedBy">The dispatcher.</param>
/// <param name="AcknowledgedAt">When.</param>
/// <param name="Note">The note given.</param>
public sealed record PassedAlertCard(string Id, string Kind, string? VehicleId, string? BookingId, string AcknowledgedBy, DateTimeOffset AcknowledgedAt, string? Note);

/// <summary>An alert the engine raised (breakdown, promise not kept, late or missed pickup), with its acknowledgement.</summary>
public sealed record ControlAlertCard(
    string Id, DateTimeOffset At, string Kind, string? VehicleId, string? BookingId, string Message,
    string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, string? Note);

/// <summary>Key figures of today (the region's local day, from its midnight).</summary>
/// <param name="From">Start of the period (local midnight).</param>
/// <param name="To">End of the period (next local midnight).</param>
/// <param name="VehiclesRegistered">Vehicles the dispatcher knows.</param>
/// <param name="VehiclesInService">Vehicles on shift.</param>
/// <param name="VehiclesIdle">On shift with no planned stop.</param>
/// <param name="VehiclesBusy">On shift with planned stops.</param>
/// <param name="VehiclesWithoutFix">On shift without a GPS fix newer than <c>Dashboard:StaleFixAfter</c>.</param>
/// <param name="BookingsToday">Bookings with today's promised pickup by status (offered, confirmed, onBoard, completed, cancelled, noShow).</param>
/// <param name="Served">Trips completed today (engine KPI).</param>
/// <param name="Rejected">Quotes without an offer today (engine KPI).</param>
/// <param name="Cancelled">Confirmed bookings cancelled today (engine KPI).</param>
/// <param name="NoShows">Riders who did not come today (engine KPI).</param>
/// <param name="LatePickups">Today's boardings after the promised window's end.</param>
/// <param name="Punctuality">Share of today's boardings inside the promised window (0..1; engine KPI).</param>
/// <param name="MeanWaitSeconds">Mean boarding time minus promised window start (engine KPI).</param>
/// <param name="P95WaitSeconds">95th percentile of that wait (engine KPI).</param>
/// <param name="MeanRideSeconds">Mean ride time (engine KPI).</param>
/// <param name="VehicleKm">Kilometres driven today (engine KPI).</param>
/// <param name="EmptyKm">Kilometres driven empty today (engine KPI).</param>
/// <param name="Occupancy">Passenger-km per vehicle-km (engine KPI).</param>
public sealed record KpiStrip(
    DateTimeOffset From, DateTimeOffset To,
    int VehiclesRegistered, int VehiclesInService, int VehiclesIdle, int VehiclesBusy, int VehiclesWithoutFix,
    IReadOnlyDictionary<string, int> BookingsToday,
    int Served, int Rejected, int Cancelled, int NoShows, int LatePickups, double Punctuality,
    double MeanWaitSeconds, double P95WaitSeconds, double MeanRideSeconds, double VehicleKm, double EmptyKm, double Occupancy);

/// <summary>One vehicle on the map and in the fleet list.</summary>
/// <param name="Id">Vehicle id.</param>
/// <param name="State"><c>off-shift</c>, <c>idle</c> (on shift, nothing planned) or <c>busy</c> (on shift with planned stops).</param>
/// <param name="Lat">Last GPS fix; null without any fix.</param>
/// <param name="Lon">Last GPS fix; null without any fix.</param>
/// <param name="FixAt">Time of the last fix.</param>
/// <param name="FixStale">On shift and no fix newer than <c>Dashboard:StaleFixAfter</c>.</param>
/// <param name="Occupancy">Load on board and capacity.</param>
/// <param name="DelaySeconds">Largest forecast lateness over its remaining stops (0 on time).</param>
/// <param name="NextStops">The next planned stops (at most three).</param>
/// <param name="Trail">Its positions of the last minutes as [lat, lon], oldest first (<see cref="VehicleTrails"/>); empty without fixes.</param>
public sealed record VehicleCard(
    string Id, string State, double? Lat, double? Lon, DateTimeOffset? FixAt, bool FixStale,
    LoadCard Occupancy, double DelaySeconds, IReadOnlyList<StopCard> NextStops, IReadOnlyList<double[]>? Trail = null);

/// <summary>Load on board against capacity, per dimension.</summary>
public sealed record LoadCard(int Seats, int SeatsCapacity, int Wheelchairs, int WheelchairsCapacity, int ParcelUnits, int ParcelUnitsCapacity);

/// <summary>A planned stop.</summary>
/// <param name="Lat">Stop position.</param>
/// <param name="Lon">Stop position.</param>
/// <param name="PlannedArrival">Forecast arrival.</param>
/// <param name="PlannedDeparture">Forecast departure.</param>
/// <param name="DelaySeconds">Forecast lateness beyond the promised window (0 on time).</param>
/// <param name="Board">Who gets on (bookings and parcels).</param>
/// <param name="Alight">Who gets off.</param>
/// <param name="Name">The stop's name or address from the region's places (a bus stop, "Village, Street 12"); null without the OSM extract.</param>
public sealed record StopCard(double Lat, double Lon, DateTimeOffset PlannedArrival, DateTimeOffset PlannedDeparture, double DelaySeconds,
    IReadOnlyList<ManifestEntryCard> Board, IReadOnlyList<ManifestEntryCard> Alight, string? Name = null);

/// <summary>One booking or parcel on a manifest.</summary>
/// <param name="Id">Booking or parcel id.</param>
/// <param name="Kind"><c>trip</c> or <c>parcel</c>.</param>
/// <param name="Owner">Rider or shop id.</param>
/// <param name="Seats">Seats taken.</param>
/// <param name="Wheelchairs">Wheelchair places taken.</param>
/// <param name="ParcelUnits">Parcel units taken.</param>
/// <param name="Luggage">Luggage places taken.</param>
/// <param name="PromisedFrom">Start of the window promised at this stop.</param>
/// <param name="PromisedUntil">End of that window.</param>
public sealed record ManifestEntryCard(string Id, string Kind, string Owner, int Seats, int Wheelchairs, int ParcelUnits, int Luggage,
    DateTimeOffset? PromisedFrom, DateTimeOffset? PromisedUntil);

/// <summary>A vehicle's whole manifest: <c>GET /dashboard/api/vehicles/{id}/manifest</c>.</summary>
public sealed record ManifestCard(string VehicleId, string ShiftState, IReadOnlyList<StopCard> Stops);

/// <summary>A booking in the list and, while open, on the map.</summary>
/// <param name="Id">Booking id.</param>
/// <param name="Status">offered, confirmed, onBoard, completed, cancelled, noShow or expired (an offer not confirmed in time).</param>
/// <param name="RiderId">The rider.</param>
/// <param name="VehicleId">The vehicle planned to serve it.</param>
/// <param name="Passengers">Seats booked.</param>
/// <param name="Wheelchairs">Wheelchair places booked.</param>
/// <param name="PickupLat">Pickup point (the offer's virtual stop).</param>
/// <param name="PickupLon">Pickup point.</param>
/// <param name="DropoffLat">Drop-off point.</param>
/// <param name="DropoffLon">Drop-off point.</param>
/// <param name="PromisedFrom">Promised pickup window start.</param>
/// <param name="PromisedUntil">Promised pickup window end.</param>
/// <param name="EstimatedPickup">Live forecast of the pickup while not boarded.</param>
/// <param name="EstimatedDropoff">Live forecast of the drop-off while planned.</param>
/// <param name="BoardedAt">When the rider boarded.</param>
/// <param name="FinishedAt">When it was completed, cancelled or marked no-show.</param>
/// <param name="DelaySeconds">Forecast lateness beyond the promised window (0 on time).</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="PickupName">The pickup stop's name or address (the offer's), null when unnamed.</param>
/// <param name="DropoffName">The drop-off stop's name or address, null when unnamed.</param>
public sealed record BookingCard(
    string Id, string Status, string RiderId, string? VehicleId, int Passengers, int Wheelchairs,
    double PickupLat, double PickupLon, double DropoffLat, double DropoffLon,
    DateTimeOffset PromisedFrom, DateTimeOffset PromisedUntil, DateTimeOffset? EstimatedPickup, DateTimeOffset? EstimatedDropoff,
    DateTimeOffset? BoardedAt, DateTimeOffset? FinishedAt, double DelaySeconds, DateTimeOffset CreatedAt,
    string? PickupName = null, string? DropoffName = null);

/// <summary>Something a dispatcher should look at.</summary>
/// <param name="Severity"><c>critical</c>, <c>warning</c> or <c>info</c>.</param>
/// <param name="Kind"><c>late</c>, <c>no-fix</c>, <c>rejected</c> or <c>no-show</c>.</param>
/// <param name="Message">What happened, in a sentence.</param>
/// <param name="VehicleId">The vehicle concerned, if any.</param>
/// <param name="BookingId">The booking concerned, if any.</param>
/// <param name="At">When it happened or was last seen.</param>
/// <param name="Id">Stable id of this occurrence (<see cref="ComputedAlertIds"/>), for acknowledging it like an engine alert.</param>
/// <param name="AcknowledgedBy">The dispatcher who acknowledged it, once acknowledged.</param>
/// <param name="AcknowledgedAt">When.</param>
/// <param name="Note">The acknowledgement's note.</param>
/// <param name="Minutes">The alert's duration for the page's own wording: minutes late (<c>late</c>), since the last fix
/// (<c>no-fix</c>; null: never), the look-back window (<c>rejected</c>).</param>
/// <param name="Count">How many: late bookings (<c>late</c>), rejected quotes (<c>rejected</c>).</param>
public sealed record DashboardAlert(string Severity, string Kind, string Message, string? VehicleId, string? BookingId, DateTimeOffset? At,
    string? Id = null, string? AcknowledgedBy = null, DateTimeOffset? AcknowledgedAt = null, string? Note = null,
    int? Minutes = null, int? Count = null);

/// <summary>The body of every 4xx answer of the API.</summary>
/// <param name="Error">What is wrong, naming the header, parameter or id.</param>
public sealed record DashboardError(string Error);
