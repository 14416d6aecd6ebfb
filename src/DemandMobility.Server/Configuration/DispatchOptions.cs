namespace DemandMobility.Server.Configuration;

/// <summary>Section <c>Dispatch</c>: service promises and engine timing.</summary>
public sealed class DispatchOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Dispatch";

    /// <summary><c>Dispatch:MissedPickupGrace</c>: how long after the promised pickup window ends without boarding the pickup is given up as missed, 0..2 h.</summary>
    public TimeSpan MissedPickupGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// <c>Dispatch:FixStoreInterval</c>: a vehicle's GPS fix is written to the event log at most once per this interval (the
    /// fixes between move it in memory only; see docs/operations.md), 0 (every fix)..1 h.
    /// </summary>
    public TimeSpan FixStoreInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>Dispatch:ShiftStartGrace</c>: how long after a shift window starts without StartShift its bookings are re-planned onto other vehicles, 0..2 h.</summary>
    public TimeSpan ShiftStartGrace { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary><c>Dispatch:PromiseWindow</c>: width of the promised pickup window, 1 min..60 min.</summary>
    public TimeSpan PromiseWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary><c>Dispatch:OfferExpiry</c>: how long an offer is held for confirmation, 10 s..30 min.</summary>
    public TimeSpan OfferExpiry { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary><c>Dispatch:MaxWalkingDistanceMeters</c>: furthest virtual stop from a requested point, 0..2000 m.</summary>
    public int MaxWalkingDistanceMeters { get; set; } = 400;

    /// <summary>
    /// <c>Dispatch:MaxRideTimeFactor</c>: maximum ride time = factor × direct time + constant; factor 1..5.
    /// </summary>
    public double MaxRideTimeFactor { get; set; } = 1.8;

    /// <summary><c>Dispatch:MaxRideTimeConstant</c>: additive part of the maximum ride time, 0..2 h.</summary>
    public TimeSpan MaxRideTimeConstant { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary><c>Dispatch:MaxWait</c>: how long after the requested departure the planned pickup may be, 0..2 h.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary><c>Dispatch:MinTripMeters</c>: origin and destination closer than this are refused (walk instead), 0..10000 m.</summary>
    public int MinTripMeters { get; set; } = 100;

    /// <summary><c>Dispatch:MaxPassengersPerBooking</c>: most travellers (seats and wheelchair places) of one booking, 1..60.</summary>
    public int MaxPassengersPerBooking { get; set; } = 8;

    /// <summary><c>Dispatch:MaxLuggagePerBooking</c>: most luggage places of one booking, 0..10.</summary>
    public int MaxLuggagePerBooking { get; set; } = 4;

    /// <summary><c>Dispatch:BookingHorizonDays</c>: how many days ahead trips can be booked, 1..90.</summary>
    public int BookingHorizonDays { get; set; } = 7;

    /// <summary><c>Dispatch:ReoptimisationInterval</c>: period of the background re-optimisation, 1 s..1 h.</summary>
    public TimeSpan ReoptimisationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// <c>Dispatch:ReoptimisationHorizon</c>: how far ahead a re-optimisation round re-plans, 5 min..30 days;
    /// later stops stay as planned until they come within reach (keeps each round cheap on a busy day).
    /// </summary>
    public TimeSpan ReoptimisationHorizon { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// <c>Dispatch:MaxStreamsPerCaller</c>: server streams (WatchBooking, WatchFleet, WatchManifest) one caller may
    /// hold open at once, 1..1000; more fail with RESOURCE_EXHAUSTED.
    /// </summary>
    public int MaxStreamsPerCaller { get; set; } = 16;
}
