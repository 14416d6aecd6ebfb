using DemandMobility.Contracts.V1;
using DemandMobility.Planner;
using Grpc.Core;
using PlannerJobState = DemandMobility.Contracts.V1.PlannerJobState;

namespace DemandMobility.Server.Tests.Planner;

/// <summary>Job records outlive the server; what was unfinished at a stop is shown interrupted, never lost.</summary>
[Collection(nameof(HangfireCollection))]
public sealed class PlannerRestartTests
{
    [Fact]
    public async Task After_a_restart_finished_jobs_keep_their_reports_and_unfinished_ones_are_interrupted()
    {
        using var data = new TempDirectory();
        string finishedId, stoppedId;
        await using (var first = await PlannerTestServer.StartAsync(data.Path))
        {
            var tiny = await first.Client.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = PlannerScenarios.Tiny() }, first.AsPlanner);
            var done = (await first.WatchAsync(tiny.JobId, TimeSpan.FromSeconds(120)))[^1];
            Assert.True(done.State == PlannerJobState.Succeeded, $"{done.State}: {done.Message}");
            finishedId = done.JobId;
            var running = await first.Client.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = PlannerScenarios.Long() }, first.AsPlanner);
            await first.WaitAsync(running.JobId, j => j.State == PlannerJobState.Running, TimeSpan.FromSeconds(60));
            stoppedId = running.JobId;
        } // graceful stop while the long job runs

        // A record left "running" by a node that died without stopping (kill -9) is found at the next start too.
        var store = new PlannerJobStore(new PlannerSettings(data.Path, data.Path, null, null));
        var crashed = store.Create(new PlannerJobRecord("sim-crashed", DemandMobility.Planner.PlannerJobState.Running, 0.4, "x", 1, "pia",
            DateTimeOffset.UtcNow.AddMinutes(-1), StartedAt: DateTimeOffset.UtcNow), "{}");

        await using var second = await PlannerTestServer.StartAsync(data.Path);
        var stopped = await second.Client.GetJobAsync(new GetPlannerJobRequest { JobId = stoppedId }, second.AsPlanner);
        Assert.Equal(PlannerJobState.Interrupted, stopped.State);
        Assert.Contains("submit it again", stopped.Message, StringComparison.Ordinal);
        var died = await second.Client.GetJobAsync(new GetPlannerJobRequest { JobId = crashed.Id }, second.AsPlanner);
        Assert.Equal(PlannerJobState.Interrupted, died.State);
        Assert.Contains("while the job was running", died.Message, StringComparison.Ordinal);

        var finished = await second.Client.GetJobAsync(new GetPlannerJobRequest { JobId = finishedId }, second.AsPlanner);
        Assert.Equal(PlannerJobState.Succeeded, finished.State);
        var bytes = await PlannerServiceTests.DownloadAsync(second, finishedId, "trips.csv");
        Assert.Equal(finished.Files.Single(f => f.Name == "trips.csv").SizeBytes, bytes.Length);
        var all = await second.Client.ListJobsAsync(new ListPlannerJobsRequest(), second.AsPlanner);
        Assert.Equal(3, all.Jobs.Count);
        var e = await Assert.ThrowsAsync<RpcException>(() => second.Client.CancelJobAsync(new GetPlannerJobRequest { JobId = stoppedId }, second.AsPlanner).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
    }
}
