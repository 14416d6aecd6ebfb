using DemandMobility.Simulator.Scenario;
using Microsoft.Extensions.Logging;

namespace DemandMobility.Planner;

/// <summary>
/// The Hangfire job of a school-route planning run: the school scenario simulated with the existing school planning
/// (pupil trips with latest arrival and ride limits, vehicles kept apart per school when configured), either with the
/// scenario's generated pupils or with the submitted ones (<see cref="SchoolPupilDemand"/>). The report holds the
/// routes (report.html, trips.csv) and the billing under the scenario's tariff (billing.csv, per vehicle and per pupil trip).
/// </summary>
public sealed class SchoolPlanningJob(IPlannerJobStore store, PlannerSettings settings, RunningJobs running, TimeProvider clock, ILogger<SchoolPlanningJob> logger)
    : PlannerJobRun(store, running, clock, logger)
{
    /// <inheritdoc />
    protected override string Noun => "The school planning run";

    /// <inheritdoc />
    protected override async Task<PlannerJobOutcome?> ExecuteAsync(PlannerJobRecord record, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var scenario = ScenarioLoader.Parse(Store.ScenarioText(record.Id), $"job {record.Id} scenario", settings.ScenarioDirectory).WithSeed(record.Seed);
        if (Store.InputText(record.Id, SchoolPupilDemand.InputName) is not { } pupils)
            return await SimulationRun.RunAsync(scenario, settings, Store, record.Id, progress, cancellationToken).ConfigureAwait(false);

        // The demand reader takes a file; this node's copy lives only for the run.
        string file = Path.Combine(Path.GetTempPath(), $"dm-{record.Id}-{Guid.NewGuid():N}-pupils.csv");
        await File.WriteAllTextAsync(file, pupils, cancellationToken).ConfigureAwait(false);
        try
        {
            return await SimulationRun.RunAsync(SchoolPupilDemand.WithPupilFile(scenario, file), settings, Store, record.Id, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
