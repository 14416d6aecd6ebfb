using System.Collections.Immutable;
using DemandMobility.Simulator.Demand;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// Everything a run produced: the flat KPI table (written as kpis.json), every trip (trips.csv), fleet samples and
/// vehicle tracks (charts and map of report.html), and the demand issues. Immutable so that writers and the report
/// read one consistent snapshot, also when the run was stopped early.
/// </summary>
/// <param name="ScenarioName">The scenario's name.</param>
/// <param name="Seed">Random seed used.</param>
/// <param name="Mode">"in-process" or "grpc".</param>
/// <param name="Completed">False when stopped early (Ctrl-C): results are partial.</param>
/// <param name="DayStart">Start of the simulated day.</param>
/// <param name="DayEnd">End of the simulated day (or when the run stopped).</param>
/// <param name="Kpis">Flat KPI keys (snake_case, units in the name: <c>requests</c>, <c>served_share</c>, <c>wait_p50_s</c> …) to values.</param>
/// <param name="Trips">One record per demand trip.</param>
/// <param name="FleetSamples">Fleet state sampled over the day.</param>
/// <param name="Vehicles">One track per vehicle.</param>
/// <param name="DemandIssues">Bad rows or generation problems, reported not dropped.</param>
/// <param name="WallClockSeconds">How long the run took in real time.</param>
/// <param name="ParcelImpact">The measured effect of the parcels on the riders (a parcel-free comparison run), when one was run.</param>
/// <param name="TimeZone">The scenario's time zone (IANA id): every time in the output files is written in it, with its offset; null uses the offset of <paramref name="DayStart"/>.</param>
/// <param name="Places">Named settlements of the extract inside the area the run covered (map labels, the unserved-demand table); empty when not read.</param>
/// <param name="Diagnostics">Dispatcher calls that failed unexpectedly during the run (a refused stop event, say), at most 200; empty when all went well.</param>
/// <param name="Quotes">Wall-clock latency of the run's quotes and quotes per second (how fast the dispatcher answered, not a KPI of the service); null when not measured.</param>
/// <param name="Alerts">The dispatcher alerts raised during the run (breakdowns, late and missed pickups), oldest first; empty when none or not readable.</param>
public sealed record SimulationResult(
    string ScenarioName,
    int Seed,
    string Mode,
    bool Completed,
    DateTimeOffset DayStart,
    DateTimeOffset DayEnd,
    ImmutableSortedDictionary<string, double> Kpis,
    ImmutableArray<TripRecord> Trips,
    ImmutableArray<FleetSample> FleetSamples,
    ImmutableArray<VehicleTrack> Vehicles,
    ImmutableArray<DemandIssue> DemandIssues,
    double WallClockSeconds,
    ImmutableArray<string> Diagnostics = default,
    ParcelImpact? ParcelImpact = null,
    string? TimeZone = null,
    ImmutableArray<PlaceLabel> Places = default,
    ImmutableArray<IncidentAlert> Alerts = default,
    QuoteTiming? Quotes = null);
