using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Integration;
using Grpc.Core;

namespace DemandMobility.Server.Tests.Planner;

/// <summary>A dispatch test server with the planner client and helpers to follow a job.</summary>
internal sealed class PlannerTestServer : IAsyncDisposable
{
    private PlannerTestServer(DispatchTestServer server)
    {
        Server = server;
        Client = new PlannerService.PlannerServiceClient(server.Channel);
        PlannerToken = server.Token(Roles.Planner, "pia");
    }

    public DispatchTestServer Server { get; }

    public PlannerService.PlannerServiceClient Client { get; }

    public string PlannerToken { get; }

    public CallOptions AsPlanner => DispatchTestServer.As(PlannerToken);

    public static async Task<PlannerTestServer> StartAsync(string dataDirectory) => new(await DispatchTestServer.StartAsync(dataDirectory));

    /// <summary>Every message of WatchJob until the stream ends (bounded by the call's deadline).</summary>
    public async Task<List<PlannerJob>> WatchAsync(string jobId, TimeSpan limit)
    {
        using var call = Client.WatchJob(new GetPlannerJobRequest { JobId = jobId },
            DispatchTestServer.As(PlannerToken).WithDeadline(DateTime.UtcNow.Add(limit)));
        var seen = new List<PlannerJob>();
        await foreach (var job in call.ResponseStream.ReadAllAsync()) seen.Add(job);
        return seen;
    }

    /// <summary>Polls GetJob until <paramref name="until"/> holds.</summary>
    public async Task<PlannerJob> WaitAsync(string jobId, Func<PlannerJob, bool> until, TimeSpan limit)
    {
        var end = DateTime.UtcNow + limit;
        while (true)
        {
            var job = await Client.GetJobAsync(new GetPlannerJobRequest { JobId = jobId }, AsPlanner);
            if (until(job)) return job;
            if (DateTime.UtcNow > end) throw new TimeoutException($"Job {jobId} is still {job.State} ({job.Progress:P0}) after {limit}.");
            await Task.Delay(50);
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
