using DemandMobility.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace DemandMobility.Planner.Tests;

/// <summary>The backup job on its own: a damaged store fails with SQLite's finding and leaves no file behind.</summary>
public sealed class StoreBackupJobTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dm-backup-job-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private (PlannerJobStore Store, StoreBackupJob Job) Create(string databaseFile)
    {
        var store = new PlannerJobStore(new PlannerSettings(Path.Combine(_dir, "data"), _dir, null, null));
        var plan = new StoreBackupPlan([new StoreBackupSource("store", databaseFile)]);
        return (store, new StoreBackupJob(store, plan, new RunningJobs(), TimeProvider.System, NullLogger<StoreBackupJob>.Instance));
    }

    private static PlannerJobRecord Record(string id, string? target = null) =>
        new(id, PlannerJobState.Queued, 0, "store-backup", 0, "dora", DateTimeOffset.UtcNow, Kind: PlannerJobKind.StoreBackup, OutputPath: target);

    [Fact]
    public async Task A_damaged_store_fails_the_job_with_sqlites_finding_and_keeps_no_copy()
    {
        Directory.CreateDirectory(_dir);
        string damaged = Path.Combine(_dir, "dispatch.db");
        await File.WriteAllTextAsync(damaged, "this is not an SQLite database, it was overwritten by mistake");
        var (store, job) = Create(damaged);
        string target = Path.Combine(_dir, "out");
        store.Create(Record("backup-damaged", target), new Dictionary<string, string>());

        await job.RunAsync("backup-damaged", CancellationToken.None);

        var record = store.Get("backup-damaged");
        Assert.Equal(PlannerJobState.Failed, record.State);
        Assert.Contains("not a database", record.Message, StringComparison.Ordinal);
        Assert.Contains(target, record.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(target));
    }

    [Fact]
    public async Task A_missing_store_fails_naming_it()
    {
        string missing = Path.Combine(_dir, "nowhere", "dispatch.db");
        var (store, job) = Create(missing);
        store.Create(Record("backup-missing"), new Dictionary<string, string>());
        await job.RunAsync("backup-missing", CancellationToken.None);
        var record = store.Get("backup-missing");
        Assert.Equal(PlannerJobState.Failed, record.State);
        Assert.Contains(missing, record.Message, StringComparison.Ordinal);
    }
}
