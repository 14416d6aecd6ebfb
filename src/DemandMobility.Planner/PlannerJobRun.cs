using DemandMobility.Dispatch.Persistence;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Storage;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace DemandMobility.Planner;

/// <summary>
/// What every planner job does around its work: marks the record running, registers the run for an immediate cancel on
/// this node, reports progress into the record and ends every outcome in it. Nothing is retried automatically (a
/// failed run fails again the same way); a failure the job can name is recorded with its message, any other with its type.
/// </summary>
public abstract partial class PlannerJobRun(IPlannerJobStore store, RunningJobs running, TimeProvider clock, ILogger logger)
{
    /// <summary>The job store.</summary>
    protected IPlannerJobStore Store { get; } = store;

    /// <summary>
    /// How many nodes may start one job. A record still <see cref="PlannerJobState.Running"/> when a worker takes the
    /// job means the node that ran it stopped (killed, lost) and Hangfire handed the job on after its invisibility
    /// timeout; the job runs again from the start, unless this many nodes have already stopped while running it
    /// (a job that takes its node down with it would take down every node in turn).
    /// </summary>
    public const int MaxAttempts = 3;

    /// <summary>Runs job <paramref name="jobId"/>; Hangfire cancels <paramref name="cancellationToken"/> on shutdown or deletion.</summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string jobId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string node = PlannerNode.Name;
        var record = Store.Update(jobId, j => j.State switch
        {
            _ when j.State.IsFinal() => j,
            PlannerJobState.Running when j.CancelRequestedBy is { } by => j with
            {
                State = PlannerJobState.Cancelled, FinishedAt = now, Message = $"Cancelled by {by} (its node {j.Node ?? "?"} stopped while running it).",
            },
            PlannerJobState.Running when j.Attempt >= MaxAttempts => j with
            {
                State = PlannerJobState.Failed, FinishedAt = now,
                Message = $"{j.Attempt} nodes stopped while running this job (the last: {j.Node ?? "?"}); it is not run again.",
            },
            // A record of an earlier version has no attempt count: its run was the first.
            PlannerJobState.Running => j with
            {
                StartedAt = now, Progress = 0, Node = node, Attempt = Math.Max(j.Attempt, 1) + 1,
                Message = $"Run again on {node} (attempt {Math.Max(j.Attempt, 1) + 1}): its node {j.Node ?? "?"} stopped while running it.",
            },
            _ => j with { State = PlannerJobState.Running, StartedAt = now, Progress = 0, Node = node, Attempt = 1 },
        });
        if (record.State != PlannerJobState.Running) return;
        using var source = running.Start(jobId, cancellationToken);
        try
        {
            var outcome = await ExecuteAsync(record, new RecordProgress(Store, jobId), source.Token).ConfigureAwait(false);
            Finish(jobId, source.IsCancellationRequested ? null : outcome);
        }
        catch (OperationCanceledException) when (source.IsCancellationRequested)
        {
            Finish(jobId, null);
        }
        catch (Exception e) when (e is ScenarioException or DemandSettingsException or IOException or InvalidDataException or UnauthorizedAccessException
                                      or PlannerReportTooLargeException or DispatchStoreException or StoreIntegrityException)
        {
            Finish(jobId, new PlannerJobOutcome.Failed(e.Message));
        }
#pragma warning disable CA1031 // A job runner records any failure in the job instead of losing it in Hangfire's log.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, jobId, e);
            Finish(jobId, new PlannerJobOutcome.Failed($"{Noun} failed: {e.GetType().Name}: {e.Message}"));
        }
        finally
        {
            running.End(jobId);
        }
    }

    /// <summary>"The simulation", "The backup": the subject of an unexpected failure's message.</summary>
    protected abstract string Noun { get; }

    /// <summary>The job's work; null when it stopped on <paramref name="cancellationToken"/>.</summary>
    protected abstract Task<PlannerJobOutcome?> ExecuteAsync(PlannerJobRecord record, IProgress<double> progress, CancellationToken cancellationToken);

    /// <summary>Records the end: <paramref name="outcome"/> null = stopped (cancelled by a caller, or interrupted by shutdown).</summary>
    private void Finish(string jobId, PlannerJobOutcome? outcome)
    {
        var now = clock.GetUtcNow();
        Store.Update(jobId, j => outcome switch
        {
            PlannerJobOutcome.Succeeded s => j with
            {
                State = PlannerJobState.Succeeded, Progress = 1, FinishedAt = now, Files = s.Files, Kpis = s.Kpis, OutputPath = s.OutputPath ?? j.OutputPath,
                Message = string.IsNullOrEmpty(s.Message) ? j.Message : s.Message,
            },
            PlannerJobOutcome.Failed f => j with { State = PlannerJobState.Failed, FinishedAt = now, Message = f.Message },
            _ when j.CancelRequestedBy is { } by => j with { State = PlannerJobState.Cancelled, FinishedAt = now, Message = $"Cancelled by {by}." },
            _ => j with { State = PlannerJobState.Interrupted, FinishedAt = now, Message = "The server stopped while the job was running; submit it again." },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Planner job {JobId} failed")]
    private static partial void LogFailed(ILogger logger, string jobId, Exception exception);

    /// <summary>Writes progress into the record at most twice a second (wall time) or at each step of 5 %.</summary>
    private sealed class RecordProgress(IPlannerJobStore store, string id) : IProgress<double>
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
