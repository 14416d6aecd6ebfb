using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>Service rules of the dispatcher. Check with <see cref="Validate"/> on start.</summary>
public sealed record DispatchOptions
{
    /// <summary>Width of the promised pickup window around the planned pickup.</summary>
    public TimeSpan PromiseWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long after the requested departure the planned pickup may be.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>How long an offer may be confirmed.</summary>
    public TimeSpan OfferExpiry { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest walk from the requested place to the virtual or fixed stop.</summary>
    public double MaxWalkingMetres { get; init; } = 500;

    /// <summary>Maximum ride time = <see cref="DetourFactor"/> × direct time + <see cref="DetourConstant"/>.</summary>
    public double DetourFactor { get; init; } = 1.5;

    /// <summary>Constant part of the maximum ride time.</summary>
    public TimeSpan DetourConstant { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How far ahead trips may be booked.</summary>
    public TimeSpan BookingHorizon { get; init; } = TimeSpan.FromDays(14);

    /// <summary>How far in the past a requested time may lie (clock skew of phones) before it is rejected.</summary>
    public TimeSpan PastTolerance { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Shortest trip worth a bus: origin and destination stops closer than this are refused (walk instead).</summary>
    public double MinTripMetres { get; init; } = 100;

    /// <summary>Most travellers (seats and wheelchair places together) one booking may ask for.</summary>
    public int MaxPassengersPerBooking { get; init; } = 8;

    /// <summary>Most luggage places one booking may ask for.</summary>
    public int MaxLuggagePerBooking { get; init; } = 4;

    /// <summary>
    /// How far a GPS fix's recorded time may lie ahead of the dispatcher's clock (device clocks drift); a fix
    /// further ahead is refused, because accepting it would make every later, correct fix look out of order.
    /// </summary>
    public TimeSpan MaxFixAhead { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often a vehicle's GPS fix is written to the event log: the first fix at least this long after the vehicle's last
    /// stored one is stored (with the metres driven since), the fixes in between only update the state in memory. A
    /// vehicle reporting every 5 s thus adds one event a minute instead of twelve, and the log and the restart stay flat.
    /// After a restart a vehicle stands at its last stored fix until its next one. <see cref="TimeSpan.Zero"/> stores every fix.
    /// </summary>
    public TimeSpan FixStoreInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Time a vehicle stands at a pickup.</summary>
    public TimeSpan BoardingTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time a vehicle stands at a drop-off.</summary>
    public TimeSpan AlightingTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time to load or unload a parcel.</summary>
    public TimeSpan ParcelHandlingTime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The service area; null accepts any coordinate.</summary>
    public ServiceArea? ServiceArea { get; init; }

    /// <summary>When not empty, trips start and end only at these stops (coordinates snap to the nearest).</summary>
    public ImmutableArray<FixedStop> FixedStops { get; init; } = [];

    /// <summary>Cost of putting one more vehicle on the road, in metres of driving; encourages pooling.</summary>
    public double VehicleFixedCost { get; init; } = 2000;

    /// <summary>Objective weights handed to the optimiser.</summary>
    public ObjectiveWeights Weights { get; init; } = new(TravelTime: 0, Distance: 1, RideTime: 0, Waiting: 0, Unserved: 1e7, FixedCost: 1);

    /// <summary>Shifts tried, in order, to find alternative times when a quote is rejected.</summary>
    public ImmutableArray<TimeSpan> AlternativeShifts { get; init; } =
        [TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(-15), TimeSpan.FromMinutes(45),
         TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(-30), TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(120)];

    /// <summary>Maximum number of alternatives returned with a rejection.</summary>
    public int MaxAlternatives { get; init; } = 3;

    /// <summary>
    /// How far ahead a background re-optimisation round looks: stops reached later (where the vehicle is empty)
    /// stay as planned until a later round brings them within reach. Null re-optimises the whole plan every round,
    /// whose cost grows with every pre-booking of the day.
    /// </summary>
    public TimeSpan? ReoptimisationHorizon { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long after a duty's start a vehicle may still start its shift: past that, with no shift started, the duty
    /// counts as never started and its bookings are re-planned onto other duties.
    /// </summary>
    public TimeSpan ShiftStartGrace { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// A fix older than this is stale: views then assume the vehicle got no further than that fix (or the plan, whichever
    /// is later), so ETAs slide with the clock. A fresh fix keeps the plan's dead reckoning (the vehicle kept driving).
    /// </summary>
    public TimeSpan StaleFixAge { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long after the promised pickup window ends without boarding (the pickup is then late) it is given up as missed.
    /// A vehicle standing at the pickup (arrival reported) is never given up: its driver reports boarding or no-show.
    /// </summary>
    public TimeSpan MissedPickupGrace { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Names stop positions in offers and manifests (reverse geocoding, e.g. <see cref="Travel.PlaceIndexStopNamer"/>);
    /// null leaves virtual stops unnamed (fixed stops keep their configured names).
    /// </summary>
    public IStopNamer? StopNames { get; init; }

    /// <summary>
    /// Keys of travellers' personal data (phone bookings), kept outside the event log so that erasing a key erases the
    /// data; in memory by default (keys end with the process).
    /// </summary>
    public Persistence.IPersonalDataVault PersonalData { get; init; } = new Persistence.InMemoryPersonalDataVault();

    /// <summary>Returns one message per invalid setting, naming it; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PromiseWindow <= TimeSpan.Zero) errors.Add($"{nameof(PromiseWindow)} must be positive.");
        if (MaxWait < TimeSpan.Zero) errors.Add($"{nameof(MaxWait)} must not be negative.");
        if (OfferExpiry <= TimeSpan.Zero) errors.Add($"{nameof(OfferExpiry)} must be positive.");
        if (!(MaxWalkingMetres >= 0)) errors.Add($"{nameof(MaxWalkingMetres)} must not be negative.");
        if (!(DetourFactor >= 1)) errors.Add($"{nameof(DetourFactor)} must be at least 1.");
        if (DetourConstant < TimeSpan.Zero) errors.Add($"{nameof(DetourConstant)} must not be negative.");
        if (BookingHorizon <= TimeSpan.Zero) errors.Add($"{nameof(BookingHorizon)} must be positive.");
        if (BoardingTime < TimeSpan.Zero || AlightingTime < TimeSpan.Zero || ParcelHandlingTime < TimeSpan.Zero)
            errors.Add("Service times must not be negative.");
        if (ReoptimisationHorizon is TimeSpan h && h <= TimeSpan.Zero) errors.Add($"{nameof(ReoptimisationHorizon)} must be positive (or unset for the whole plan).");
        if (ShiftStartGrace < TimeSpan.Zero) errors.Add($"{nameof(ShiftStartGrace)} must not be negative.");
        if (StaleFixAge < TimeSpan.Zero) errors.Add($"{nameof(StaleFixAge)} must not be negative.");
        if (MissedPickupGrace < TimeSpan.Zero) errors.Add($"{nameof(MissedPickupGrace)} must not be negative.");
        if (!(MinTripMetres >= 0)) errors.Add($"{nameof(MinTripMetres)} must not be negative.");
        if (MaxPassengersPerBooking < 1) errors.Add($"{nameof(MaxPassengersPerBooking)} must be at least 1.");
        if (MaxLuggagePerBooking < 0) errors.Add($"{nameof(MaxLuggagePerBooking)} must not be negative.");
        if (MaxFixAhead < TimeSpan.Zero) errors.Add($"{nameof(MaxFixAhead)} must not be negative.");
        if (FixStoreInterval < TimeSpan.Zero || FixStoreInterval > TimeSpan.FromHours(1))
            errors.Add($"{nameof(FixStoreInterval)} {FixStoreInterval} must be between 00:00:00 and 01:00:00.");
        if (MaxAlternatives < 0) errors.Add($"{nameof(MaxAlternatives)} must not be negative.");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in FixedStops)
            if (!ids.Add(s.Id)) errors.Add($"{nameof(FixedStops)}: duplicate stop id '{s.Id}'.");
        return errors;
    }
}
