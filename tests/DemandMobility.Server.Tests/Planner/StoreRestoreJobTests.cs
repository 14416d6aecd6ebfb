using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Integration;
using DemandMobility.Storage;
using Grpc.Core;

namespace DemandMobility.Server.Tests.Planner;

/// <summary>
/// Store restores as planner jobs through real gRPC (single process, SQLite): a backup job's file is verified and
/// staged while the service keeps running on its store, and replaces the store at the next start; a damaged backup
/// fails naming it and stages nothing.
/// </summary>
[Collection(nameof(HangfireCollection))]
public sealed class StoreRestoreJobTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_backup_is_verified_staged_and_replaces_the_store_at_the_next_start_and_a_damaged_one_is_refused()
    {
        using var data = new TempDirectory();
        string pending = StagedRestore.PendingPath(data.Path);
        string backupJobId;
        await using (var host = await PlannerTestServer.StartAsync(data.Path))
        {
            var dispatcher = DispatchTestServer.As(host.Server.Token(Roles.Dispatcher, "dora"));
            await host.Server.Fleet.RegisterVehicleAsync(Vehicle("before-backup"), dispatcher);
            var backup = await host.Client.SubmitStoreBackupAsync(new SubmitStoreBackupRequest(), dispatcher);
            var backedUp = (await host.WatchAsync(backup.JobId, RunLimit))[^1];
            Assert.True(backedUp.State == PlannerJobState.Succeeded, $"{backedUp.State}: {backedUp.Message}");
            backupJobId = backedUp.JobId;
            await host.Server.Fleet.RegisterVehicleAsync(Vehicle("after-backup"), dispatcher);

            // A damaged backup (garbage where a store should be) fails naming the file; nothing is staged.
            string damaged = Path.Combine(data.Path, "damaged.db");
            await File.WriteAllTextAsync(damaged, "this is not an SQLite database, just some text long enough to look like a file");
            var bad = await host.Client.SubmitStoreRestoreAsync(new SubmitStoreRestoreRequest { BackupPath = damaged }, dispatcher);
            Assert.Equal(PlannerJobKind.StoreRestore, bad.Kind);
            var failed = (await host.WatchAsync(bad.JobId, RunLimit))[^1];
            Assert.Equal(PlannerJobState.Failed, failed.State);
            Assert.Contains($"The backup '{damaged}' is damaged and was not restored (the store is unchanged)", failed.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(pending));
            Assert.Empty(Directory.GetFiles(data.Path, StagedRestore.PendingFileName + "*"));

            // The backup job's file: verified and staged; the live service keeps its current state until the restart.
            var restore = await host.Client.SubmitStoreRestoreAsync(new SubmitStoreRestoreRequest { FromJobId = backupJobId }, dispatcher);
            var staged = (await host.WatchAsync(restore.JobId, RunLimit))[^1];
            Assert.True(staged.State == PlannerJobState.Succeeded, $"{staged.State}: {staged.Message}");
            Assert.Contains("staged", staged.Message, StringComparison.Ordinal);
            Assert.Equal(backedUp.Kpis["events"], staged.Kpis["events"]);
            Assert.True(File.Exists(pending));
            Assert.Equal(backedUp.Kpis["events"], (await StoreBackup.VerifyFileAsync(pending)).Events);
            var live = await Assert.ThrowsAsync<RpcException>(() => host.Server.Fleet.RegisterVehicleAsync(Vehicle("after-backup"), dispatcher).ResponseAsync);
            Assert.Equal(StatusCode.AlreadyExists, live.StatusCode);
        }

        // The next start restores the staged backup before the store opens: what was registered before the backup is
        // there, what came after is gone; the old database is kept aside.
        await using (var host = await PlannerTestServer.StartAsync(data.Path))
        {
            var dispatcher = DispatchTestServer.As(host.Server.Token(Roles.Dispatcher, "dora"));
            Assert.False(File.Exists(pending));
            Assert.Single(Directory.GetFiles(data.Path, "dispatch.db.replaced-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal));
            var before = await Assert.ThrowsAsync<RpcException>(() => host.Server.Fleet.RegisterVehicleAsync(Vehicle("before-backup"), dispatcher).ResponseAsync);
            Assert.Equal(StatusCode.AlreadyExists, before.StatusCode);
            var again = await host.Server.Fleet.RegisterVehicleAsync(Vehicle("after-backup"), dispatcher);
            Assert.Equal("after-backup", again.VehicleId);
            // The job records (in the data folder, not in the store) are still there.
            Assert.Equal(PlannerJobState.Succeeded, (await host.Client.GetJobAsync(new GetPlannerJobRequest { JobId = backupJobId }, host.AsPlanner)).State);
        }
    }

    [Fact]
    public async Task Only_dispatchers_restore_and_the_source_must_be_one_finished_backup()
    {
        using var data = new TempDirectory();
        await using var host = await PlannerTestServer.StartAsync(data.Path);
        var e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitStoreRestoreAsync(new SubmitStoreRestoreRequest { BackupPath = "/tmp/x.db" }, host.AsPlanner).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        var dispatcher = DispatchTestServer.As(host.Server.Token(Roles.Dispatcher, "dora"));
        e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitStoreRestoreAsync(new SubmitStoreRestoreRequest(), dispatcher).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("exactly one of from_job_id", e.Status.Detail, StringComparison.Ordinal);
        e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitStoreRestoreAsync(new SubmitStoreRestoreRequest { BackupPath = "backups/x.db" }, dispatcher).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("backup_path", e.Status.Detail, StringComparison.Ordinal);
        e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitStoreRestoreAsync(new SubmitStoreRestoreRequest { FromJobId = "backup-20260101-000000-abcdef" }, dispatcher).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        // A simulation job is no backup.
        var simulation = await host.Client.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = PlannerScenarios.Tiny() }, dispatcher);
        e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitStoreRestoreAsync(new SubmitStoreRestoreRequest { FromJobId = simulation.JobId }, dispatcher).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Contains("not a succeeded store backup", e.Status.Detail, StringComparison.Ordinal);
        // The tiny simulation may already have finished (a quiet machine): then there is nothing to cancel.
        try { await host.Client.CancelJobAsync(new GetPlannerJobRequest { JobId = simulation.JobId }, dispatcher); }
        catch (RpcException finished) when (finished.StatusCode == StatusCode.FailedPrecondition) { }
        Assert.False(File.Exists(StagedRestore.PendingPath(data.Path)));
    }

    private static RegisterVehicleRequest Vehicle(string id) => new()
    {
        VehicleId = id,
        Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1 },
        Depot = new GeoPoint { Lat = 49.983, Lon = 11.585 },
    };
}
