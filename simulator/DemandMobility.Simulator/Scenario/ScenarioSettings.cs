using System.Collections.Immutable;
using System.Text.Json;

namespace DemandMobility.Simulator.Scenario;

/// <summary>
/// A scenario file as written by a planner (JSON, snake_case keys; see simulator/README.md). Everything but
/// <see cref="Name"/> and <see cref="Fleet"/> has a default; <see cref="ScenarioLoader"/> validates it and
/// names the offending key.
/// </summary>
public sealed record ScenarioSettings
{
    /// <summary>Scenario name (used in outputs).</summary>
    public string Name { get; init; } = "";

    /// <summary>Road network: an OSM PBF path, absolute or relative to the scenario file or the repository root.</summary>
    public string RegionPbf { get; init; } = "routing-data/north-bayreuth.osm.pbf";

    /// <summary>The simulated service day (ISO date).</summary>
    public string Date { get; init; } = "2026-03-10";

    /// <summary>IANA or Windows time zone of the local times in this file.</summary>
    public string TimeZone { get; init; } = "Europe/Berlin";

    /// <summary>Local start of the simulated day ("HH:mm").</summary>
    public string DayStart { get; init; } = "06:00";

    /// <summary>Local end of the simulated day ("HH:mm"); vehicles finish their manifests after it.</summary>
    public string DayEnd { get; init; } = "22:00";

    /// <summary>Random seed of demand, rider behaviour and the engine.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The fleet: one entry per vehicle type (with a count) or per vehicle.</summary>
    public ImmutableArray<FleetEntrySettings> Fleet { get; init; } = [];

    /// <summary>Service area; null uses the north-bayreuth default box.</summary>
    public ServiceAreaSettings? ServiceArea { get; init; }

    /// <summary>Overrides of the dispatcher's service rules.</summary>
    public DispatchSettings Dispatch { get; init; } = new();

    /// <summary>How riders react to offers.</summary>
    public RiderBehaviourSettings Riders { get; init; } = new();

    /// <summary>Periodic re-optimisation on the simulated clock.</summary>
    public ReoptimisationSettings Reoptimisation { get; init; } = new();

    /// <summary>Simulated seconds between GPS fixes of a driving vehicle.</summary>
    public int PositionReportSeconds { get; init; } = 60;

    /// <summary>Simulated minutes between fleet samples (charts).</summary>
    public int FleetSampleMinutes { get; init; } = 5;

    /// <summary>Emission factor for co2_kg, grams per vehicle-km (default 250: diesel minibus, documented in the README).</summary>
    public double Co2GramsPerKm { get; init; } = 250;

    /// <summary>Operating cost model of the fleet (cost_eur); a school run is costed with the demand section's school tariff instead.</summary>
    public CostSettings Costs { get; init; } = new();

    /// <summary>How the simulated world differs from the plan: travel-time noise and bias, real dwell times; null = exactly as planned.</summary>
    public Reality.RealitySettings? Reality { get; init; } = new();

    /// <summary>Disruptions of the day: breakdowns and vehicles that stop reporting their position (see <see cref="IncidentSettings"/>).</summary>
    public ImmutableArray<IncidentSettings> Incidents { get; init; } = [];

    /// <summary>The demand section, read by the demand builder (part B's <c>DemandSettings</c>).</summary>
    public JsonElement? Demand { get; init; }

    /// <summary>Rail-feeder demand and train delays; null: none.</summary>
    public RailFeederSettings? RailFeeders { get; init; }
}

/// <summary>One fleet entry: <see cref="Count"/> identical vehicles named <c>{IdPrefix}-{n}</c> (or <see cref="Id"/> when Count is 1).</summary>
public sealed record FleetEntrySettings
{
    /// <summary>Number of vehicles of this entry.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Explicit id for a single vehicle.</summary>
    public string? Id { get; init; }

    /// <summary>Id prefix for numbered vehicles.</summary>
    public string IdPrefix { get; init; } = "bus";

    /// <summary>Seats.</summary>
    public int Seats { get; init; } = 8;

    /// <summary>Wheelchair places.</summary>
    public int WheelchairPlaces { get; init; } = 1;

    /// <summary>Parcel units.</summary>
    public int ParcelUnits { get; init; }

    /// <summary>Depot.</summary>
    public LatLonSettings? Depot { get; init; }

    /// <summary>Local shift start "HH:mm".</summary>
    public string ShiftStart { get; init; } = "06:00";

    /// <summary>Local shift end "HH:mm".</summary>
    public string ShiftEnd { get; init; } = "22:00";

    /// <summary>Service group these vehicles serve exclusively (e.g. a school); null serves ungrouped trips.</summary>
    public string? Group { get; init; }
}

/// <summary>A coordinate in a scenario file.</summary>
public sealed record LatLonSettings(double Lat, double Lon);

/// <summary>Service area: a polygon ring of [lon, lat] pairs, or a bbox [min_lon, min_lat, max_lon, max_lat].</summary>
public sealed record ServiceAreaSettings
{
    /// <summary>[min_lon, min_lat, max_lon, max_lat].</summary>
    public ImmutableArray<double>? Bbox { get; init; }

    /// <summary>Ring of [lon, lat] pairs.</summary>
    public ImmutableArray<ImmutableArray<double>>? Polygon { get; init; }
}

/// <summary>Overrides of <c>DispatchOptions</c>; null keeps the engine's default.</summary>
public sealed record DispatchSettings
{
    /// <summary>Promised pickup window width, minutes.</summary>
    public double? PromiseWindowMin { get; init; }

    /// <summary>Longest planned wait after the requested departure, minutes.</summary>
    public double? MaxWaitMin { get; init; }

    /// <summary>Maximum ride = factor × direct + constant.</summary>
    public double? DetourFactor { get; init; }

    /// <summary>Constant of the maximum ride time, minutes.</summary>
    public double? DetourConstantMin { get; init; }

    /// <summary>Longest walk to a virtual stop, metres.</summary>
    public double? MaxWalkingM { get; init; }

    /// <summary>How long an offer may be confirmed, minutes.</summary>
    public double? OfferExpiryMin { get; init; }
}

/// <summary>Rider behaviour.</summary>
public sealed record RiderBehaviourSettings
{
    /// <summary>Accept an offer when the promised pickup (window start) is at most this long after the requested time.</summary>
    public double AcceptableWaitMin { get; init; } = 20;

    /// <summary>How many alternatives a rider tries after a rejection before giving up.</summary>
    public int MaxAlternatives { get; init; } = 2;

    /// <summary>Probability that a rider cancels a confirmed booking.</summary>
    public double CancelProbability { get; init; } = 0.03;

    /// <summary>Cancellations happen this long before the promised pickup (or at once when that is past).</summary>
    public double CancelLeadMin { get; init; } = 30;

    /// <summary>Probability that a rider does not show up.</summary>
    public double NoShowProbability { get; init; } = 0.02;

    /// <summary>
    /// How long the driver waits for a missing rider before reporting a no-show, seconds. The dispatcher plans a
    /// pickup with its boarding time (30 s by default); waiting longer delays the vehicle's later stops.
    /// </summary>
    public double NoShowWaitS { get; init; } = 30;
}

/// <summary>Periodic re-optimisation (iteration-limited so runs are reproducible).</summary>
public sealed record ReoptimisationSettings
{
    /// <summary>Simulated minutes between rounds; 0 disables.</summary>
    public double IntervalMin { get; init; } = 15;

    /// <summary>Solver iterations per round.</summary>
    public int Iterations { get; init; } = 200;
}

/// <summary>
/// Operating cost model of the fleet (defaults and their derivation in simulator/README.md, *Cost model*):
/// <c>per_vehicle_km_eur × km + per_vehicle_hour_eur × hours on shift + per_vehicle_day_eur × vehicles needed</c>.
/// </summary>
public sealed record CostSettings
{
    /// <summary>Cost per vehicle-km (fuel, tyres, maintenance), EUR.</summary>
    public double PerVehicleKmEur { get; init; } = 1.2;

    /// <summary>Cost per vehicle-hour on shift (driver and dispatch), EUR.</summary>
    public double PerVehicleHourEur { get; init; } = 35;

    /// <summary>Fixed cost per vehicle and service day (depreciation, insurance, tax, depot), EUR.</summary>
    public double PerVehicleDayEur { get; init; } = 55;
}
