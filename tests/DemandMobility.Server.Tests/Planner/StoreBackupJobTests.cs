using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Integration;
using DemandMobility.Storage;
using Grpc.Core;

namespace DemandMobility.Server.Tests.Planner;

/// <summary>Store backups as planner jobs through real gRPC: the verified copy downloads, a bad target fails naming it.</summary>
[Collection(nameof(HangfireCollection))]
public sealed class StoreBackupJobTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_dispatcher_backs_up_the_store_and_downloads_a_verified_copy()
    {
        using var data = new TempDirectory();
        await using var host = await PlannerTestServer.StartAsync(data.Path);
        var dispatcher = DispatchTestServer.As(host.Server.Token(Roles.Dispatcher, "dora"));
        // Something to back up: a registered vehicle is an event in the store.
        await host.Server.Fleet.RegisterVehicleAsync(Vehicle("backup-test-bus"), dispatcher);

        var submitted = await host.Client.SubmitStoreBackupAsync(new SubmitStoreBackupRequest(), dispatcher);
        Assert.Equal(PlannerJobKind.StoreBackup, submitted.Kind);
        var last = (await host.WatchAsync(submitted.JobId, RunLimit))[^1];
        Assert.True(last.State == PlannerJobState.Succeeded, $"{last.State}: {last.Message}");
        Assert.Equal("", last.OutputPath);
        var file = Assert.Single(last.Files);
        Assert.Equal($"store-{last.JobId}.db", file.Name);

        // The downloaded copy passes the same verification as `dm store verify`, with the events the job counted.
        byte[] bytes = await PlannerServiceTests.DownloadAsync(host, last.JobId, file.Name);
        Assert.Equal(file.SizeBytes, bytes.Length);
        string copy = Path.Combine(data.Path, "downloaded.db");
        await File.WriteAllBytesAsync(copy, bytes);
        var verification = await StoreBackup.VerifyFileAsync(copy);
        Assert.True(verification.Events >= 1, "the copy holds the vehicle's registration");
        Assert.Equal(verification.Events, last.Kpis["events"]);
        Assert.Equal(1, last.Kpis["stores"]);
    }

    [Fact]
    public async Task A_target_folder_gets_the_backup_and_an_unwritable_one_fails_naming_the_path()
    {
        using var data = new TempDirectory();
        await using var host = await PlannerTestServer.StartAsync(data.Path);
        var dispatcher = DispatchTestServer.As(host.Server.Token(Roles.Dispatcher, "dora"));
        await host.Server.Fleet.RegisterVehicleAsync(Vehicle("backup-test-bus"), dispatcher);

        string target = Path.Combine(data.Path, "backups", "nightly");
        var job = await host.Client.SubmitStoreBackupAsync(new SubmitStoreBackupRequest { TargetDirectory = target }, dispatcher);
        var done = (await host.WatchAsync(job.JobId, RunLimit))[^1];
        Assert.True(done.State == PlannerJobState.Succeeded, $"{done.State}: {done.Message}");
        Assert.Equal(target, done.OutputPath);
        string written = Path.Combine(target, Assert.Single(done.Files).Name);
        Assert.True((await StoreBackup.VerifyFileAsync(written)).Events >= 1);
        var notKept = await Assert.ThrowsAsync<RpcException>(() => PlannerServiceTests.DownloadAsync(host, done.JobId, done.Files[0].Name));
        Assert.Equal(StatusCode.FailedPrecondition, notKept.StatusCode);
        Assert.Contains(target, notKept.Status.Detail, StringComparison.Ordinal);

        // A folder below a regular file cannot be created (root may write anywhere, so permissions would not show it).
        string blocker = Path.Combine(data.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        string bad = Path.Combine(blocker, "backups");
        job = await host.Client.SubmitStoreBackupAsync(new SubmitStoreBackupRequest { TargetDirectory = bad }, dispatcher);
        var failed = (await host.WatchAsync(job.JobId, RunLimit))[^1];
        Assert.Equal(PlannerJobState.Failed, failed.State);
        Assert.Contains(bad, failed.Message, StringComparison.Ordinal);
        Assert.Empty(failed.Files);

        // The same target again: a backup never overwrites, and the job says so.
        job = await host.Client.SubmitStoreBackupAsync(new SubmitStoreBackupRequest { TargetDirectory = target }, dispatcher);
        Assert.NotEqual(done.JobId, job.JobId);
        var second = (await host.WatchAsync(job.JobId, RunLimit))[^1];
        Assert.True(second.State == PlannerJobState.Succeeded, $"{second.State}: {second.Message}");
        Assert.Equal(2, Directory.GetFiles(target).Length);
    }

    [Fact]
    public async Task Planners_may_not_back_up_and_a_relative_target_is_refused()
    {
        using var data = new TempDirectory();
        await using var host = await PlannerTestServer.StartAsync(data.Path);
        var e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitStoreBackupAsync(new SubmitStoreBackupRequest(), host.AsPlanner).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        var dispatcher = DispatchTestServer.As(host.Server.Token(Roles.Dispatcher, "dora"));
        e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitStoreBackupAsync(new SubmitStoreBackupRequest { TargetDirectory = "backups" }, dispatcher).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("target_directory", e.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await host.Client.ListJobsAsync(new ListPlannerJobsRequest(), host.AsPlanner)).Jobs);
    }

    /// <summary>A vehicle without a shift at the region's depot: one event in the store.</summary>
    private static RegisterVehicleRequest Vehicle(string id) => new()
    {
        VehicleId = id,
        Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1 },
        Depot = new GeoPoint { Lat = 49.983, Lon = 11.585 },
    };
}
