using DemandMobility.Simulator.Scenario;
using Microsoft.Extensions.Logging;

namespace DemandMobility.Planner;

/// <summary>
/// The Hangfire job of a simulation scenario: runs the simulator in process exactly as <c>dm simulate</c> does without
/// <c>--server</c> (its own engine on a simulated clock, never the live dispatcher's) and keeps the report files.
/// </summary>
public sealed class SimulationJob(IPlannerJobStore store, PlannerSettings settings, RunningJobs running, TimeProvider clock, ILogger<SimulationJob> logger)
    : PlannerJobRun(store, running, clock, logger)
{
    /// <inheritdoc />
    protected override string Noun => "The simulation";

    /// <inheritdoc />
    protected override Task<PlannerJobOutcome?> ExecuteAsync(PlannerJobRecord record, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var scenario = ScenarioLoader.Parse(Store.ScenarioText(record.Id), $"job {record.Id} scenario", settings.ScenarioDirectory).WithSeed(record.Seed);
        return SimulationRun.RunAsync(scenario, settings, Store, record.Id, progress, cancellationToken);
    }
}
