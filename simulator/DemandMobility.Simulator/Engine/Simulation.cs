using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// The simulator's entry points: load the road network, build the day's demand, run it against the dispatcher.
/// <code>
/// var scenario = ScenarioLoader.Load("simulator/scenarios/sprinti-bayreuth.json");
/// var travel = Simulation.LoadTravel(scenario);
/// var result = await Simulation.RunAsync(scenario, travel, Simulation.BuildDemand(scenario));
/// ResultWriter.Write(result, "out");
/// </code>
/// </summary>
public static class Simulation
{
    /// <summary>Loads (or builds once and caches) the scenario's road graph; <paramref name="graphPath"/> defaults to beside the PBF.</summary>
    public static ITravelTimeService LoadTravel(LoadedScenario scenario, string? graphPath = null) =>
        new RoadRouterTravelTimeService(RoadRouter.LoadOrBuild(scenario.PbfPath, graphPath));

    /// <summary>Builds the day's demand from the scenario's demand section (synthetic, CSV, pupils, parcels).</summary>
    /// <exception cref="DemandSettingsException">The demand section is inconsistent.</exception>
    /// <exception cref="DemandFileException">A demand file is missing or has a bad row under <c>on_error: reject</c>.</exception>
    public static DemandSet BuildDemand(LoadedScenario scenario)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(scenario.Settings.TimeZone);
        var date = DateOnly.ParseExact(scenario.Settings.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var midnight = date.ToDateTime(TimeOnly.MinValue);
        var dayStart = new DateTimeOffset(midnight, zone.GetUtcOffset(midnight));
        return DemandBuilder.Build(scenario.Demand,
            new DemandContext(scenario.PbfPath, dayStart, scenario.Settings.Seed, scenario.BaseDirectory, scenario.Area));
    }

    /// <summary>
    /// Runs the day in-process (default) or through <paramref name="gateway"/> (which must start empty). Cancelling
    /// returns partial results (<see cref="SimulationResult.Completed"/> false). <paramref name="concurrency"/> lets
    /// requests of one interval ask at once (for a server; null = one at a time).
    /// </summary>
    public static async Task<SimulationResult> RunAsync(
        LoadedScenario scenario, ITravelTimeService travel, DemandSet demand, IDispatchGateway? gateway = null,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default, RequestConcurrency? concurrency = null)
    {
        var start = scenario.DayStart;
        foreach (var v in scenario.Vehicles)
            if (v.ShiftStart < start) start = v.ShiftStart;
        bool own = gateway is null;
        gateway ??= await InProcessGateway.OpenAsync(scenario.Options, travel, start, scenario.Settings.Seed,
            scenario.Settings.Reoptimisation.Iterations, cancellationToken).ConfigureAwait(false);
        try
        {
            return await new SimulationRunner(scenario, demand, gateway, travel, progress) { Concurrency = concurrency ?? RequestConcurrency.Sequential }
                .RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (own) await gateway.DisposeAsync().ConfigureAwait(false);
        }
    }
}
