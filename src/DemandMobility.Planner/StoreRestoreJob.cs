using System.Collections.Immutable;
using DemandMobility.Storage;
using Microsoft.Extensions.Logging;

namespace DemandMobility.Planner;

/// <summary>
/// The Hangfire job of a store restore: copies the named backup (a store-backup job's file, or a file on the server)
/// into the data folder, verifies the copy (integrity check and the whole event chain) and stages it as the pending
/// restore, which the server applies at its next start before the store opens (<see cref="StagedRestore"/>). A damaged
/// or missing backup fails the job naming it; nothing is staged and the store is not touched. The live engine keeps
/// serving from the current store until the restart: swapping it under running calls would answer some from the old
/// state and some from the restored one.
/// </summary>
public sealed class StoreRestoreJob(IPlannerJobStore store, StoreRestorePlan plan, RunningJobs running, TimeProvider clock, ILogger<StoreRestoreJob> logger)
    : PlannerJobRun(store, running, clock, logger)
{
    /// <inheritdoc />
    protected override string Noun => "The store restore";

    /// <inheritdoc />
    protected override async Task<PlannerJobOutcome?> ExecuteAsync(PlannerJobRecord record, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var source = StoreRestoreSource.Parse(Store.InputText(record.Id, StoreRestoreSource.InputName)
            ?? throw new InvalidDataException($"Planner job '{record.Id}' has no stored backup source."));
        string name;
        Stream backup;
        if (source.Path is null)
        {
            name = $"'{source.File}' of job {source.JobId}";
            try
            {
                backup = Store.OpenReportFile(source.JobId!, source.File!);
            }
            catch (PlannerJobException e)
            {
                return new PlannerJobOutcome.Failed($"The backup {name} cannot be read (nothing restored): {e.Message}");
            }
        }
        else
        {
            string path = source.Path;
            name = $"'{path}'";
            if (!File.Exists(path)) return new PlannerJobOutcome.Failed($"The backup {name} does not exist (nothing restored).");
            backup = File.OpenRead(path);
        }

        StoreVerification verification;
        await using (backup)
        {
            try
            {
                verification = await StagedRestore.StageAsync(backup, name, plan.DataDirectory, cancellationToken).ConfigureAwait(false);
            }
            catch (DispatchStoreException e)
            {
                return new PlannerJobOutcome.Failed(e.Message);
            }
        }
        progress.Report(1);
        var kpis = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, double>
        {
            ["events"] = verification.Events, ["snapshots"] = verification.Snapshots,
        });
        return new PlannerJobOutcome.Succeeded([], kpis, Message:
            $"The backup {name} is verified ({verification.Events} events, last checksum {verification.LastChecksum[..Math.Min(12, verification.LastChecksum.Length)]}…) " +
            $"and staged as {StagedRestore.PendingFileName}: it replaces {plan.DatabaseFileName} when the server next starts (restart it to apply). " +
            "Until then the service runs on the current store; what is booked meanwhile is not in the backup.");
    }
}
