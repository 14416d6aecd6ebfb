using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Integration;
using Grpc.Core;

namespace DemandMobility.Server.Tests.Planner;

/// <summary>PlannerService through real gRPC on loopback: jobs run the simulator on Hangfire inside the server.</summary>
[Collection(nameof(HangfireCollection))]
public sealed class PlannerServiceTests
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_small_scenario_runs_to_completion_with_progress_and_its_report_downloads()
    {
        using var data = new TempDirectory();
        await using var host = await PlannerTestServer.StartAsync(data.Path);

        var submitted = await host.Client.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = PlannerScenarios.Tiny(), Seed = 5 }, host.AsPlanner);
        Assert.Equal("planner-tiny", submitted.ScenarioName);
        Assert.Equal(5, submitted.Seed);
        Assert.Equal("pia", submitted.SubmittedBy);
        Assert.Contains(submitted.State, new[] { PlannerJobState.Queued, PlannerJobState.Running });

        var seen = await host.WatchAsync(submitted.JobId, RunLimit);
        var last = seen[^1];
        Assert.True(last.State == PlannerJobState.Succeeded, $"{last.State}: {last.Message}");
        Assert.Equal(1.0, last.Progress);
        Assert.NotNull(last.FinishedAt);
        // Progress never goes back while the job is watched.
        for (int i = 1; i < seen.Count; i++) Assert.True(seen[i].Progress >= seen[i - 1].Progress);
        Assert.True(last.Kpis["requests"] > 0, "the run had requests");
        var names = last.Files.Select(f => f.Name).ToList();
        Assert.Contains("report.html", names);
        Assert.Contains("kpis.json", names);

        // kpis.json downloaded in chunks equals what the job reports.
        var bytes = await DownloadAsync(host, last.JobId, "kpis.json");
        Assert.Equal(last.Files.Single(f => f.Name == "kpis.json").SizeBytes, bytes.Length);
        using var kpis = JsonDocument.Parse(bytes);
        Assert.Equal(last.Kpis["requests"], FindNumber(kpis.RootElement, "requests"));
        var html = await DownloadAsync(host, last.JobId, "report.html");
        Assert.Equal(last.Files.Single(f => f.Name == "report.html").SizeBytes, html.Length);

        var listed = await host.Client.ListJobsAsync(new ListPlannerJobsRequest(), host.AsPlanner);
        Assert.Equal(last, listed.Jobs.Single(j => j.JobId == last.JobId));
        var again = await Assert.ThrowsAsync<RpcException>(() => host.Client.CancelJobAsync(new GetPlannerJobRequest { JobId = last.JobId }, host.AsPlanner).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        var missing = await Assert.ThrowsAsync<RpcException>(() => DownloadAsync(host, last.JobId, "../job.json"));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("kpis.json", missing.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_job_is_cancelled_and_writes_no_report()
    {
        using var data = new TempDirectory();
        await using var host = await PlannerTestServer.StartAsync(data.Path);
        var dispatcher = DispatchTestServer.As(host.Server.Token(Roles.Dispatcher, "dora"));

        var job = await host.Client.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = PlannerScenarios.Long() }, host.AsPlanner);
        await host.WaitAsync(job.JobId, j => j.State != PlannerJobState.Queued, RunLimit);
        var cancelling = await host.Client.CancelJobAsync(new GetPlannerJobRequest { JobId = job.JobId }, dispatcher);
        Assert.Contains(cancelling.State, new[] { PlannerJobState.Running, PlannerJobState.Cancelled });

        var started = DateTime.UtcNow;
        var seen = await host.WatchAsync(job.JobId, TimeSpan.FromSeconds(30));
        var last = seen[^1];
        Assert.Equal(PlannerJobState.Cancelled, last.State);
        Assert.Equal("Cancelled by dora.", last.Message);
        Assert.Empty(last.Files);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "the run stopped within 10 s of the cancel");
        Assert.False(Directory.Exists(Path.Combine(data.Path, "planner-jobs", job.JobId, "report")), "no report folder");

        // A second job still runs after a cancelled one (the single worker is free again).
        var next = await host.Client.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = PlannerScenarios.Tiny(4) }, host.AsPlanner);
        var done = (await host.WatchAsync(next.JobId, RunLimit))[^1];
        Assert.True(done.State == PlannerJobState.Succeeded, $"{done.State}: {done.Message}");
    }

    [Theory]
    [InlineData("{ \"name\": \"x\", ", "invalid scenario JSON")]
    [InlineData("", "scenario_json is empty")]
    public async Task A_bad_scenario_is_refused_naming_the_problem(string json, string expected)
    {
        using var data = new TempDirectory();
        await using var host = await PlannerTestServer.StartAsync(data.Path);
        var e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = json }, host.AsPlanner).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains(expected, e.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await host.Client.ListJobsAsync(new ListPlannerJobsRequest(), host.AsPlanner)).Jobs);
    }

    [Fact]
    public async Task Scenario_errors_name_the_key_and_unknown_jobs_are_not_found()
    {
        using var data = new TempDirectory();
        await using var host = await PlannerTestServer.StartAsync(data.Path);
        var badKey = PlannerScenarios.Tiny().Replace("\"count\": 2", "\"count\": 0", StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = badKey }, host.AsPlanner).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("fleet[0].count", e.Status.Detail, StringComparison.Ordinal);
        var typo = PlannerScenarios.Tiny().Replace("\"seed\"", "\"sead\"", StringComparison.Ordinal);
        e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = typo }, host.AsPlanner).ResponseAsync);
        Assert.Contains("sead", e.Status.Detail, StringComparison.Ordinal);

        e = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetJobAsync(new GetPlannerJobRequest { JobId = "sim-nothing" }, host.AsPlanner).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, e.StatusCode);
        e = await Assert.ThrowsAsync<RpcException>(() => host.Client.GetJobAsync(new GetPlannerJobRequest { JobId = "../etc" }, host.AsPlanner).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        e = await Assert.ThrowsAsync<RpcException>(() => host.Client.ListJobsAsync(new ListPlannerJobsRequest { Limit = 5000 }, host.AsPlanner).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
    }

    [Fact]
    public async Task Riders_are_refused_and_the_dashboard_is_read_only_for_planners()
    {
        using var data = new TempDirectory();
        await using var host = await PlannerTestServer.StartAsync(data.Path);
        var rider = DispatchTestServer.As(host.Server.Token(Roles.Rider, "alice"));
        var e = await Assert.ThrowsAsync<RpcException>(() => host.Client.SubmitSimulationAsync(new SubmitSimulationRequest { ScenarioJson = PlannerScenarios.Tiny() }, rider).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        e = await Assert.ThrowsAsync<RpcException>(() => host.Client.ListJobsAsync(new ListPlannerJobsRequest(), DispatchTestServer.As(null)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);

        using var http = new HttpClient { BaseAddress = host.Server.DashboardAddress, Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/hangfire", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(http, "/hangfire", host.Server.Token(Roles.Rider, "alice"))).StatusCode);
        var page = await Get(http, "/hangfire", host.PlannerToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Hangfire", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Commands (delete, requeue, ...) are refused to planners, allowed to dispatchers.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(http, "/hangfire/jobs/enqueued/delete", host.PlannerToken)).StatusCode);
        var asDispatcher = await Post(http, "/hangfire/jobs/enqueued/delete", host.Server.Token(Roles.Dispatcher, "dora"));
        Assert.True(asDispatcher.IsSuccessStatusCode, asDispatcher.StatusCode.ToString());
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", "0")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    internal static async Task<byte[]> DownloadAsync(PlannerTestServer host, string jobId, string name)
    {
        using var call = host.Client.DownloadReportFile(new DownloadReportFileRequest { JobId = jobId, Name = name }, host.AsPlanner);
        using var buffer = new MemoryStream();
        await foreach (var chunk in call.ResponseStream.ReadAllAsync())
        {
            Assert.Equal(buffer.Length, chunk.Offset);
            Assert.True(chunk.Data.Length <= 64 * 1024);
            chunk.Data.WriteTo(buffer);
        }
        return buffer.ToArray();
    }

    /// <summary>The first number under <paramref name="key"/> anywhere in the document.</summary>
    private static double FindNumber(JsonElement element, string key) =>
        TryFind(element, key, out var value) ? value : throw new KeyNotFoundException(key);

    private static bool TryFind(JsonElement element, string key, out double value)
    {
        value = 0;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    if (p.Name == key && p.Value.ValueKind == JsonValueKind.Number) { value = p.Value.GetDouble(); return true; }
                    if (TryFind(p.Value, key, out value)) return true;
                }
                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) if (TryFind(item, key, out value)) return true;
                return false;
            default:
                return false;
        }
    }
}
