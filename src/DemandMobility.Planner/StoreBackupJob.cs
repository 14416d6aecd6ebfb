using System.Collections.Immutable;
using System.Data.Common;
using DemandMobility.Storage;
using Microsoft.Extensions.Logging;

namespace DemandMobility.Planner;

/// <summary>
/// The Hangfire job of a store backup: the existing backup code (<see cref="StoreBackup"/>, SQLite's online backup then
/// the integrity check and the whole event chain; <see cref="PostgresBackup"/>, the chain verified then pg_dump) run for
/// every store of the <see cref="StoreBackupPlan"/>. Without a target folder the files become the job's report files
/// (downloadable); with one they are written there on the node that runs the job and its path is recorded. A damaged
/// store or an unwritable target fails the job with the message naming the store or the path; a partial copy is removed.
/// </summary>
public sealed class StoreBackupJob(IPlannerJobStore store, StoreBackupPlan plan, RunningJobs running, TimeProvider clock, ILogger<StoreBackupJob> logger)
    : PlannerJobRun(store, running, clock, logger)
{
    /// <inheritdoc />
    protected override string Noun => "The store backup";

    /// <inheritdoc />
    protected override async Task<PlannerJobOutcome?> ExecuteAsync(PlannerJobRecord record, IProgress<double> progress, CancellationToken cancellationToken)
    {
        string folder;
        if (record.OutputPath is { } target)
        {
            try
            {
                Directory.CreateDirectory(target);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new PlannerJobOutcome.Failed($"The target folder '{target}' cannot be created: {e.Message}");
            }
            folder = target;
        }
        else
        {
            folder = Store.WorkFolder(record.Id);
        }

        var files = new List<string>();
        var skipped = new List<string>();
        long events = 0, bytes = 0, snapshots = 0;
        for (int i = 0; i < plan.Sources.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = plan.Sources[i];
            string file = Path.Combine(folder, source.FileName(record.Id));
            if (source.SkipWhenMissing && !await SchemaExistsAsync(source, cancellationToken).ConfigureAwait(false))
            {
                skipped.Add(source.Name);
                progress.Report((i + 1.0) / plan.Sources.Count);
                continue;
            }
            StoreCopy copy;
            try
            {
                copy = source.SqliteFile is { } sqlite
                    ? await StoreBackup.BackupAsync(sqlite, file, cancellationToken).ConfigureAwait(false)
                    : await PostgresBackup.BackupAsync(source.PostgresConnectionString!, source.PostgresSchema!, file, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e)
            {
                // SQLite or PostgreSQL refused to read the store or to write the copy (unwritable target, damaged file).
                TryDelete(file);
                return new PlannerJobOutcome.Failed($"Backing up {source.Name} to '{file}' failed: {e.Message}");
            }
            catch (DispatchStoreException e)
            {
                return new PlannerJobOutcome.Failed($"Backing up {source.Name}: {e.Message}");
            }
            catch (Dispatch.Persistence.StoreIntegrityException e)
            {
                TryDelete(file);
                return new PlannerJobOutcome.Failed($"Backing up {source.Name}: the store is damaged, no backup was kept: {e.Message}");
            }
            files.Add(copy.File);
            events += copy.Verification.Events;
            snapshots += copy.Verification.Snapshots;
            bytes += copy.Bytes;
            progress.Report((i + 1.0) / plan.Sources.Count);
        }

        var kpis = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, double>
        {
            ["stores"] = files.Count, ["events"] = events, ["snapshots"] = snapshots, ["bytes"] = bytes,
        });
        string note = skipped.Count == 0 ? "" : $"Not backed up, no store yet (never activated): {string.Join(", ", skipped)}.";
        return record.OutputPath is null
            ? new PlannerJobOutcome.Succeeded(Store.SaveReport(record.Id, files), kpis, Message: note)
            : new PlannerJobOutcome.Succeeded(PlannerJobStore.Describe(files), kpis, record.OutputPath, note);
    }

    private static async Task<bool> SchemaExistsAsync(StoreBackupSource source, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(source.PostgresConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new Npgsql.NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = @schema AND table_name = 'dm_events')", connection);
        command.Parameters.AddWithValue("schema", source.PostgresSchema ?? "");
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static void TryDelete(string file)
    {
        try { File.Delete(file); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
