using System.Security.Cryptography;
using DemandMobility.Simulator.Scenario;
using Hangfire;

namespace DemandMobility.Planner;

/// <summary>
/// Submitting and cancelling planner jobs: the record goes to <see cref="PlannerJobStore"/>, the run to Hangfire.
/// A scenario is checked before it is queued, so a bad one is refused at once with the key named.
/// </summary>
public sealed class PlannerJobs(PlannerJobStore store, PlannerSettings settings, IBackgroundJobClient hangfire, RunningJobs running, TimeProvider clock)
{
    /// <summary>Largest scenario text accepted (a scenario is settings, not demand data).</summary>
    public const int MaxScenarioChars = 256 * 1024;

    /// <summary>Checks and queues a simulation scenario.</summary>
    /// <exception cref="PlannerJobException">The scenario is empty, too large or invalid (the message names the key).</exception>
    public PlannerJobRecord SubmitSimulation(string scenarioJson, int? seed, string submittedBy)
    {
        if (string.IsNullOrWhiteSpace(scenarioJson))
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "scenario_json", "scenario_json is empty: give the scenario file's text.");
        if (scenarioJson.Length > MaxScenarioChars)
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "scenario_json", $"scenario_json has {scenarioJson.Length} characters; at most {MaxScenarioChars}.");
        LoadedScenario scenario;
        try
        {
            scenario = ScenarioLoader.Parse(scenarioJson, "scenario_json", settings.ScenarioDirectory);
        }
        catch (ScenarioException e)
        {
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "scenario_json", e.Message, e);
        }
        var now = clock.GetUtcNow();
        var id = $"sim-{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        var record = store.Create(new PlannerJobRecord(id, PlannerJobState.Queued, 0, scenario.Settings.Name, seed ?? scenario.Settings.Seed, submittedBy, now), scenarioJson);
        var backgroundId = hangfire.Enqueue<SimulationJob>(job => job.RunAsync(id, CancellationToken.None));
        return store.Update(id, j => j with { BackgroundJobId = backgroundId });
    }

    /// <summary>Cancels a queued or running job.</summary>
    /// <exception cref="PlannerJobException">Unknown job, or one that has finished.</exception>
    public PlannerJobRecord Cancel(string id, string by)
    {
        var now = clock.GetUtcNow();
        var record = store.Update(id, j => j.State switch
        {
            PlannerJobState.Queued => j with { State = PlannerJobState.Cancelled, CancelRequestedBy = by, FinishedAt = now, Message = $"Cancelled by {by}." },
            PlannerJobState.Running => j with { CancelRequestedBy = by },
            _ => throw new PlannerJobException(PlannerJobErrorKind.Precondition, "job_id",
                $"Planner job '{id}' has already finished ({j.State.ToString().ToLowerInvariant()}); only queued or running jobs can be cancelled."),
        });
        // Here at once; on another node through Hangfire's deletion, which cancels the job's token there.
        running.Cancel(id);
        if (record.BackgroundJobId is { } background) hangfire.Delete(background);
        return record;
    }
}
