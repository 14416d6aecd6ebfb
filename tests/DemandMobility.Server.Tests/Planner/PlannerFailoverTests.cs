using System.Diagnostics;
using System.Globalization;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Integration;
using DemandMobility.Server.Tests.Persistence;
using Grpc.Core;
using Xunit.Abstractions;

namespace DemandMobility.Server.Tests.Planner;

/// <summary>
/// Two servers in cluster mode as OS processes on one PostgreSQL database. A simulation runs on one of them; that
/// process is killed with SIGKILL mid-run. Hangfire's PostgreSQL storage hands the job to the other node once the
/// dead node stops renewing its claim (<c>Planner:InvisibilityTimeout</c>, 10 s here): the record names the new node,
/// attempt 2 and why, and the run ends <c>SUCCEEDED</c> with its report downloadable through the survivor.
/// </summary>
[Collection(nameof(FailoverCollection))]
public sealed class PlannerFailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(10);

    [PostgresFact]
    [Trait("Category", "Failover")]
    public async Task A_job_whose_node_is_killed_mid_run_is_run_again_by_the_other_node()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "pf" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(420));
        var nodes = new List<SiloProcess>();
        try
        {
            var issuer = new TokenIssuer(new JwtOptions(), new SigningKeySource(new JwtOptions(), dir.Path), TimeProvider.System);
            string token = issuer.Issue(new CallerContext(Roles.Planner, "pia", null), TimeSpan.FromHours(1));
            var settings = MultiProcessFailoverTests.Settings(dir.Path, connectionString, id);
            settings["Planner:Schema"] = id + "_planner";
            settings["Planner:InvisibilityTimeout"] = InvisibilityTimeout.ToString("c", CultureInfo.InvariantCulture);
            settings["Logging:LogLevel:Hangfire"] = "Information";
            for (int i = 0; i < 2; i++)
            {
                nodes.Add(SiloProcess.Start($"node-{i + 1}", SiloProcess.FreePort(), new Dictionary<string, string>(settings)
                {
                    ["Cluster:SiloPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
                    ["Cluster:GatewayPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
                }));
            }
            await Task.WhenAll(nodes.Select(n => n.WaitListeningAsync(timeout.Token)));
            CallOptions Call() => new(new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(60), timeout.Token);
            PlannerService.PlannerServiceClient Planner(SiloProcess node) => new(node.Channel);

            var job = await Planner(nodes[0]).SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = PlannerScenarios.Medium() }, Call());
            // The node whose worker took it (either may): the record names it as host:pid.
            PlannerJob running = await WaitForAsync(Planner(nodes[0]), job.JobId, j => j.State == PlannerJobState.Running && j.Node.Length > 0, Call, timeout.Token);
            Assert.Equal(1, running.Attempt);
            var victim = nodes.Single(n => running.Node.EndsWith(":" + n.ProcessId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var survivor = nodes.Single(n => n != victim);
            // Let it run a little, so the kill lands mid-run (progress is written as it goes).
            running = await WaitForAsync(Planner(survivor), job.JobId, j => j.Progress > 0 || j.State != PlannerJobState.Running, Call, timeout.Token);
            Assert.True(running.State == PlannerJobState.Running, $"the run ended before the kill: {running.State} {running.Message}");
            await victim.KillAsync();
            var killed = Stopwatch.StartNew();
            output.WriteLine($"killed {victim.Name} ({running.Node}) at progress {running.Progress:P0}");

            var rerun = await WaitForAsync(Planner(survivor), job.JobId, j => j.Attempt >= 2 || j.State is not PlannerJobState.Running, Call, timeout.Token);
            var gap = killed.Elapsed;
            output.WriteLine($"run again after {gap.TotalSeconds:F1} s on {rerun.Node}: {rerun.Message}");
            Assert.Equal(2, rerun.Attempt);
            Assert.EndsWith(":" + survivor.ProcessId.ToString(CultureInfo.InvariantCulture), rerun.Node, StringComparison.Ordinal);
            Assert.Contains(running.Node, rerun.Message, StringComparison.Ordinal);
            // The claim expires InvisibilityTimeout after the dead node's last renewal (every fifth of it), then the
            // survivor's next queue poll (2 s) takes it.
            Assert.True(gap < InvisibilityTimeout + TimeSpan.FromSeconds(30), $"the job was run again only after {gap.TotalSeconds:F1} s");

            PlannerJob last = rerun;
            using (var watch = Planner(survivor).WatchJob(new GetPlannerJobRequest { JobId = job.JobId },
                       new CallOptions(Call().Headers, DateTime.UtcNow.AddSeconds(300), timeout.Token)))
                await foreach (var seen in watch.ResponseStream.ReadAllAsync(timeout.Token)) last = seen;
            Assert.True(last.State == PlannerJobState.Succeeded, $"{last.State}: {last.Message}\n{survivor.Log}");
            Assert.Equal(2, last.Attempt);
            Assert.Contains("Run again on", last.Message, StringComparison.Ordinal);
            Assert.Contains(last.Files, f => f.Name == "kpis.json");
            Assert.True(last.Kpis.Count > 0);
            var kpis = Planner(survivor).DownloadReportFile(new DownloadReportFileRequest { JobId = job.JobId, Name = "kpis.json" }, Call());
            long bytes = 0;
            await foreach (var chunk in kpis.ResponseStream.ReadAllAsync(timeout.Token)) bytes += chunk.Data.Length;
            Assert.Equal(last.Files.Single(f => f.Name == "kpis.json").SizeBytes, bytes);
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    private static async Task<PlannerJob> WaitForAsync(PlannerService.PlannerServiceClient planner, string jobId, Func<PlannerJob, bool> done,
        Func<CallOptions> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await planner.GetJobAsync(new GetPlannerJobRequest { JobId = jobId }, call());
            if (done(job)) return job;
            await Task.Delay(100, cancellationToken);
        }
    }
}
