using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand;

namespace DemandMobility.Simulator.Scenario;

/// <summary>A validated scenario with every time resolved to an absolute instant and every path to a file.</summary>
/// <param name="Settings">The file as read.</param>
/// <param name="SourcePath">The scenario file (null when built in code).</param>
/// <param name="BaseDirectory">Folder of the scenario file, for relative demand files.</param>
/// <param name="PbfPath">The road network file (exists).</param>
/// <param name="DayStart">Start of the simulated day.</param>
/// <param name="DayEnd">End of the simulated day.</param>
/// <param name="Vehicles">The fleet as registrations.</param>
/// <param name="Area">Service area.</param>
/// <param name="Options">Dispatcher rules with the scenario's overrides.</param>
/// <param name="Demand">The "demand" section, read with the demand builder's settings type.</param>
public sealed record LoadedScenario(
    ScenarioSettings Settings,
    string? SourcePath,
    string BaseDirectory,
    string PbfPath,
    DateTimeOffset DayStart,
    DateTimeOffset DayEnd,
    ImmutableArray<VehicleRegistration> Vehicles,
    ServiceArea Area,
    DispatchOptions Options,
    DemandSettings Demand)
{
    /// <summary>The day's incidents (breakdowns, silent trackers) with absolute times, in file order.</summary>
    public ImmutableArray<ScenarioIncident> Incidents { get; init; } = [];

    /// <summary>The resolved GTFS feed of <c>rail_feeders</c>; null without rail feeders.</summary>
    public string? RailFeed { get; init; }

    /// <summary>The scenario with another seed (the command line's <c>--seed</c>).</summary>
    public LoadedScenario WithSeed(int seed) => this with { Settings = Settings with { Seed = seed } };
}
