using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Integration;
using DemandMobility.Server.Tests.Persistence;
using Grpc.Core;
using Npgsql;

namespace DemandMobility.Server.Tests.Planner;

/// <summary>
/// Planner jobs in cluster mode with records and report files in PostgreSQL: two servers on one database, each with a
/// data folder of its own (nothing shared but the database), on loopback.
/// </summary>
[Collection(nameof(HangfireCollection))]
public sealed class PlannerClusterTests
{
    [PostgresFact]
    public void A_bad_planner_setting_stops_the_start_naming_the_key()
    {
        // The silo's own tables are applied first (so the database must answer); the planner settings are checked next.
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        foreach (var (key, value) in new[] { ("Planner:Schema", "Bad-Schema"), ("Planner:MaxFileBytes", "0") })
        {
            var ex = Assert.ThrowsAny<Exception>(() => DemandMobility.Server.Hosting.DispatchServerHost.Create(["--urls", "http://127.0.0.1:0", "--Cluster:Enabled=true",
                "--Cluster:PostgresConnectionString", connectionString, "--Cluster:ClusterId", "planner-bad-setting", "--Cluster:ServiceId", "planner-bad-setting",
                "--Cluster:Areas:0:Id", "west",
                "--Cluster:Areas:0:Boundary:0:0", "11.490", "--Cluster:Areas:0:Boundary:0:1", "49.977",
                "--Cluster:Areas:0:Boundary:1:0", "11.545", "--Cluster:Areas:0:Boundary:1:1", "49.977",
                "--Cluster:Areas:0:Boundary:2:0", "11.545", "--Cluster:Areas:0:Boundary:2:1", "50.043",
                "--" + key, value]));
            string? message = DemandMobility.Server.Hosting.StartupFailure.Describe(ex);
            Assert.True(message?.Contains(key, StringComparison.Ordinal) == true, ex.ToString());
        }
    }

    [PostgresFact]
    public async Task A_school_planning_job_started_on_one_node_is_read_and_downloaded_on_the_other_without_a_shared_folder()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "pc" + Guid.NewGuid().ToString("N")[..10];
        using var dirA = new TempDirectory();
        using var dirB = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        try
        {
            await using var a = await ClusterNode.StartAsync(dirA.Path, connectionString, id, timeout.Token);
            await using var b = await ClusterNode.StartAsync(dirB.Path, connectionString, id, timeout.Token);
            var onA = DispatchTestServer.As(a.Token(Roles.Planner, "pia"), timeout.Token);
            var onB = DispatchTestServer.As(b.Token(Roles.Planner, "pia"), timeout.Token);
            var request = new SubmitSchoolPlanningRequest { ScenarioJson = PlannerScenarios.School() };
            request.Pupils.AddRange(SchoolPlanningJobTests.Pupils());
            var job = await a.Planner.SubmitSchoolPlanningAsync(request, onA);

            PlannerJob last = job;
            using (var watch = b.Planner.WatchJob(new GetPlannerJobRequest { JobId = job.JobId }, onB.WithDeadline(DateTime.UtcNow.AddSeconds(120))))
                await foreach (var seen in watch.ResponseStream.ReadAllAsync(timeout.Token)) last = seen;
            Assert.True(last.State == PlannerJobState.Succeeded, $"{last.State}: {last.Message}");
            Assert.Equal(last, await a.Planner.GetJobAsync(new GetPlannerJobRequest { JobId = job.JobId }, onA));
            Assert.Contains(last, (await b.Planner.ListJobsAsync(new ListPlannerJobsRequest(), onB)).Jobs);

            // Every report file downloads through both nodes with the listed size and the same bytes.
            foreach (var file in last.Files)
            {
                byte[] throughA = await DownloadAsync(a.Planner, onA, job.JobId, file.Name);
                byte[] throughB = await DownloadAsync(b.Planner, onB, job.JobId, file.Name);
                Assert.Equal(file.SizeBytes, throughB.Length);
                Assert.Equal(throughA, throughB);
            }

            // Nothing in either data folder: the record, the inputs and the files are rows of the planner schema.
            Assert.False(Directory.Exists(Path.Combine(dirA.Path, "planner-jobs")) && Directory.EnumerateFileSystemEntries(Path.Combine(dirA.Path, "planner-jobs")).Any());
            Assert.False(Directory.Exists(Path.Combine(dirB.Path, "planner-jobs")) && Directory.EnumerateFileSystemEntries(Path.Combine(dirB.Path, "planner-jobs")).Any());
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(timeout.Token);
            await using var count = new NpgsqlCommand(
                $"SELECT (SELECT count(*) FROM {id}_planner.planner_job_files WHERE job_id = @id), (SELECT count(*) FROM {id}_planner.planner_job_inputs WHERE job_id = @id)", connection);
            count.Parameters.AddWithValue("id", job.JobId);
            await using var reader = await count.ExecuteReaderAsync(timeout.Token);
            Assert.True(await reader.ReadAsync(timeout.Token));
            Assert.Equal(last.Files.Count, reader.GetInt64(0));
            Assert.Equal(2L, reader.GetInt64(1)); // scenario.json and pupils.csv
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    [PostgresFact]
    public async Task A_report_file_over_the_limit_fails_the_job_naming_the_file_and_the_setting()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "pc" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using var a = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token,
                new Dictionary<string, string> { ["Planner:MaxFileBytes"] = "4096" });
            var onA = DispatchTestServer.As(a.Token(Roles.Planner, "pia"), timeout.Token);
            var job = await a.Planner.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = PlannerScenarios.Tiny() }, onA);
            PlannerJob last = job;
            using (var watch = a.Planner.WatchJob(new GetPlannerJobRequest { JobId = job.JobId }, onA.WithDeadline(DateTime.UtcNow.AddSeconds(90))))
                await foreach (var seen in watch.ResponseStream.ReadAllAsync(timeout.Token)) last = seen;
            Assert.Equal(PlannerJobState.Failed, last.State);
            Assert.Contains("Planner:MaxFileBytes", last.Message, StringComparison.Ordinal);
            Assert.Contains("report.html", last.Message, StringComparison.Ordinal);
            Assert.Empty(last.Files);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    [PostgresFact]
    public async Task A_backup_job_dumps_each_used_area_and_downloads_through_the_other_node()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "pc" + Guid.NewGuid().ToString("N")[..10];
        using var dirA = new TempDirectory();
        using var dirB = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await using var a = await ClusterNode.StartAsync(dirA.Path, connectionString, id, timeout.Token);
            await using var b = await ClusterNode.StartAsync(dirB.Path, connectionString, id, timeout.Token);
            var opsA = DispatchTestServer.As(a.Token(Roles.Dispatcher, "ops"), timeout.Token);
            var opsB = DispatchTestServer.As(b.Token(Roles.Dispatcher, "ops"), timeout.Token);
            // Only the east area gets a store (its grain activates); the west area was never used.
            await a.Fleet.RegisterVehicleAsync(new RegisterVehicleRequest
            {
                VehicleId = "east.bus-7", Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1 }, Depot = new GeoPoint { Lat = 49.983, Lon = 11.585 },
            }, opsA);

            var job = await b.Planner.SubmitStoreBackupAsync(new SubmitStoreBackupRequest(), opsB);
            PlannerJob last = job;
            using (var watch = a.Planner.WatchJob(new GetPlannerJobRequest { JobId = job.JobId }, opsA.WithDeadline(DateTime.UtcNow.AddSeconds(90))))
                await foreach (var seen in watch.ResponseStream.ReadAllAsync(timeout.Token)) last = seen;
            Assert.True(last.State == PlannerJobState.Succeeded, $"{last.State}: {last.Message}");
            var file = Assert.Single(last.Files);
            Assert.Equal($"east-{job.JobId}.dump", file.Name);
            Assert.Contains("west", last.Message, StringComparison.Ordinal);
            Assert.True(last.Kpis["events"] >= 1, "the east area's registration is in the dump");

            // pg_dump's custom format starts with "PGDMP"; the same bytes through either node.
            byte[] throughA = await DownloadAsync(a.Planner, opsA, job.JobId, file.Name);
            Assert.Equal(file.SizeBytes, throughA.Length);
            Assert.Equal("PGDMP"u8.ToArray(), throughA[..5]);
            Assert.Equal(throughA, await DownloadAsync(b.Planner, opsB, job.JobId, file.Name));
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    private static async Task<byte[]> DownloadAsync(PlannerService.PlannerServiceClient client, CallOptions options, string jobId, string name)
    {
        using var call = client.DownloadReportFile(new DownloadReportFileRequest { JobId = jobId, Name = name }, options);
        using var buffer = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(buffer.Length, chunk.Offset);
            chunk.Data.WriteTo(buffer);
        }
        return buffer.ToArray();
    }
}
