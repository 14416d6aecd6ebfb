using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace DemandMobility.Planner;

/// <summary>
/// The Hangfire job of a simulation scenario: runs the simulator in process exactly as <c>dm simulate</c> does without
/// <c>--server</c> (its own engine on a simulated clock, never the live dispatcher's), reports progress into the job
/// record and writes the report files into the job's folder. Every outcome ends in the record; nothing is retried
/// automatically (a failed scenario fails again the same way).
/// </summary>
public sealed partial class SimulationJob(PlannerJobStore store, PlannerSettings settings, RunningJobs running, TimeProvider clock, ILogger<SimulationJob> logger)
{
    /// <summary>Runs job <paramref name="jobId"/>; Hangfire cancels <paramref name="cancellationToken"/> on shutdown or deletion.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string jobId, CancellationToken cancellationToken)
    {
        var record = store.Update(jobId, j => j.State.IsFinal() ? j : j with { State = PlannerJobState.Running, StartedAt = clock.GetUtcNow(), Progress = 0 });
        if (record.State != PlannerJobState.Running) return;
        using var source = running.Start(jobId, cancellationToken);
        try
        {
            var outcome = await SimulateAsync(record, source.Token).ConfigureAwait(false);
            Finish(jobId, outcome);
        }
        catch (OperationCanceledException) when (source.IsCancellationRequested)
        {
            Finish(jobId, null);
        }
        catch (Exception e) when (e is ScenarioException or DemandSettingsException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Finish(jobId, new Outcome.Failed(e.Message));
        }
#pragma warning disable CA1031 // A job runner records any failure in the job instead of losing it in Hangfire's log.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, jobId, e);
            Finish(jobId, new Outcome.Failed($"The simulation failed: {e.GetType().Name}: {e.Message}"));
        }
        finally
        {
            running.End(jobId);
        }
    }

    private async Task<Outcome?> SimulateAsync(PlannerJobRecord record, CancellationToken ct)
    {
        var scenario = ScenarioLoader.Parse(store.ScenarioText(record.Id), $"job {record.Id} scenario", settings.ScenarioDirectory).WithSeed(record.Seed);
        var travel = Simulation.LoadTravel(scenario, settings.GraphFor(scenario.PbfPath));
        var demand = Simulation.BuildDemand(scenario);
        var progress = new RecordProgress(store, record.Id);
        var result = await Simulation.RunAsync(scenario, travel, demand, null, progress, ct).ConfigureAwait(false);
        if (result.Completed && ParcelImpactRun.HasParcels(demand))
            result = ParcelImpactRun.Attach(result, await ParcelImpactRun.RunAsync(scenario, travel, demand, result, null, ct).ConfigureAwait(false));
        if (!result.Completed || ct.IsCancellationRequested) return null;
        result = result with { Places = PlaceLabels.Read(scenario) };
        var files = ResultWriter.Write(result, store.ReportFolder(record.Id), null, scenario.Demand.School?.Tariff);
        return new Outcome.Succeeded(PlannerJobStore.Describe(files), result.Kpis);
    }

    /// <summary>Records the end: <paramref name="outcome"/> null = stopped (cancelled by a caller, or interrupted by shutdown).</summary>
    private void Finish(string jobId, Outcome? outcome)
    {
        var now = clock.GetUtcNow();
        store.Update(jobId, j => outcome switch
        {
            Outcome.Succeeded s => j with { State = PlannerJobState.Succeeded, Progress = 1, FinishedAt = now, Files = s.Files, Kpis = s.Kpis, Message = "" },
            Outcome.Failed f => j with { State = PlannerJobState.Failed, FinishedAt = now, Message = f.Message },
            _ when j.CancelRequestedBy is { } by => j with { State = PlannerJobState.Cancelled, FinishedAt = now, Message = $"Cancelled by {by}." },
            _ => j with { State = PlannerJobState.Interrupted, FinishedAt = now, Message = "The server stopped while the job was running; submit it again." },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Planner job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, string jobId, Exception exception);

    private abstract record Outcome
    {
        public sealed record Succeeded(System.Collections.Immutable.ImmutableArray<ReportFile> Files, System.Collections.Immutable.ImmutableSortedDictionary<string, double> Kpis) : Outcome;

        public sealed record Failed(string Message) : Outcome;
    }

    /// <summary>Writes progress into the record at most twice a second (wall time) or at each step of 5 %.</summary>
    private sealed class RecordProgress(PlannerJobStore store, string id) : IProgress<double>
    {
        private long _last = long.MinValue / 2;
        private double _written;

        public void Report(double value)
        {
            long now = System.Diagnostics.Stopwatch.GetTimestamp();
            if (System.Diagnostics.Stopwatch.GetElapsedTime(_last, now) < TimeSpan.FromMilliseconds(500) && value - _written < 0.05) return;
            _last = now;
            _written = value;
            store.Update(id, j => j.State == PlannerJobState.Running ? j with { Progress = Math.Clamp(value, 0, 1) } : j);
        }
    }
}
