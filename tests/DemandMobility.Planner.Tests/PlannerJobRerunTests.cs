using DemandMobility.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace DemandMobility.Planner.Tests;

/// <summary>
/// A worker taking a job whose record is still RUNNING: the node that ran it stopped (cluster mode, Hangfire handed the
/// job on). The run starts again naming both nodes, unless it was cancelled or too many nodes already stopped on it.
/// </summary>
public sealed class PlannerJobRerunTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dm-rerun-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private async Task<(PlannerJobStore Store, StoreBackupJob Job)> CreateAsync()
    {
        Directory.CreateDirectory(_dir);
        // A real (empty) store to back up: the job's work succeeds.
        string database = Path.Combine(_dir, "dispatch.db");
        await using (await SqliteDispatchStore.OpenAsync(database)) { }
        var store = new PlannerJobStore(new PlannerSettings(Path.Combine(_dir, "data"), _dir, null, null));
        var plan = new StoreBackupPlan([new StoreBackupSource("store", database)]);
        return (store, new StoreBackupJob(store, plan, new RunningJobs(), TimeProvider.System, NullLogger<StoreBackupJob>.Instance));
    }

    private static PlannerJobRecord Running(string id, int attempt, string? cancelledBy = null) =>
        new(id, PlannerJobState.Running, 0.4, "store-backup", 0, "dora", DateTimeOffset.UtcNow.AddMinutes(-5),
            StartedAt: DateTimeOffset.UtcNow.AddMinutes(-4), Kind: PlannerJobKind.StoreBackup, Node: "dead-host:123", Attempt: attempt,
            CancelRequestedBy: cancelledBy);

    [Fact]
    public async Task A_job_left_running_by_a_dead_node_runs_again_here_and_says_so()
    {
        var (store, job) = await CreateAsync();
        store.Create(Running("backup-rerun", 1), new Dictionary<string, string>());
        await job.RunAsync("backup-rerun", CancellationToken.None);
        var record = store.Get("backup-rerun");
        Assert.True(record.State == PlannerJobState.Succeeded, record.Message);
        Assert.Equal(2, record.Attempt);
        Assert.Equal(PlannerNode.Name, record.Node);
        Assert.Equal($"Run again on {PlannerNode.Name} (attempt 2): its node dead-host:123 stopped while running it.", record.Message);
        Assert.Single(record.Files);
    }

    [Fact]
    public async Task A_fresh_job_is_attempt_one_on_this_node()
    {
        var (store, job) = await CreateAsync();
        store.Create(new PlannerJobRecord("backup-fresh", PlannerJobState.Queued, 0, "store-backup", 0, "dora", DateTimeOffset.UtcNow,
            Kind: PlannerJobKind.StoreBackup), new Dictionary<string, string>());
        await job.RunAsync("backup-fresh", CancellationToken.None);
        var record = store.Get("backup-fresh");
        Assert.Equal(PlannerJobState.Succeeded, record.State);
        Assert.Equal(1, record.Attempt);
        Assert.Equal(PlannerNode.Name, record.Node);
        Assert.Equal("", record.Message);
    }

    [Fact]
    public async Task After_max_attempts_the_job_fails_naming_the_last_node_without_running()
    {
        var (store, job) = await CreateAsync();
        store.Create(Running("backup-poison", PlannerJobRun.MaxAttempts), new Dictionary<string, string>());
        await job.RunAsync("backup-poison", CancellationToken.None);
        var record = store.Get("backup-poison");
        Assert.Equal(PlannerJobState.Failed, record.State);
        Assert.Equal($"{PlannerJobRun.MaxAttempts} nodes stopped while running this job (the last: dead-host:123); it is not run again.", record.Message);
        Assert.Empty(record.Files);
    }

    [Fact]
    public async Task A_job_cancelled_before_its_node_died_ends_cancelled()
    {
        var (store, job) = await CreateAsync();
        store.Create(Running("backup-cancelled", 1, cancelledBy: "dora"), new Dictionary<string, string>());
        await job.RunAsync("backup-cancelled", CancellationToken.None);
        var record = store.Get("backup-cancelled");
        Assert.Equal(PlannerJobState.Cancelled, record.State);
        Assert.Contains("Cancelled by dora", record.Message, StringComparison.Ordinal);
        Assert.Empty(record.Files);
    }
}
