using DemandMobility.Cluster.Learning;
using DemandMobility.Cluster.Routing;
using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Learning;
using DemandMobility.Routing;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Persistence;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// Learned travel times in cluster mode through two servers (<c>Learning:Enabled=true</c> on both): each area loads its
/// evidence from its PostgreSQL schema at activation, and the dispatcher's reset over gRPC clears every area, kept
/// across the area's move to the other silo.
/// </summary>
[Collection(nameof(DemandMobility.Server.Tests.Planner.HangfireCollection))]
public sealed class ClusterLearningTests
{
    private static readonly Dictionary<string, string> LearningOn = new()
    {
        ["Learning:Enabled"] = "true",
        ["Learning:Interval"] = "00:05:00",
    };

    [PostgresFact]
    public async Task Areas_plan_with_the_evidence_in_their_schema_and_a_reset_through_grpc_clears_every_area_for_good()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "cl" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        try
        {
            await using var a = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token, LearningOn);
            // Evidence learned earlier by the west area (a tenth slower on 200 edges in the 8 o'clock hour), kept in its schema.
            var graph = a.Services.GetRequiredService<RoadRouter>().Graph;
            var earlier = new LearnedTravelTimes(graph);
            for (int e = 0; e < 200; e++) earlier.Add(e, 8, 1.1 * graph.EdgeDurationMs[e] / 1000.0 + 0.1, graph.EdgeDurationMs[e] / 1000.0 + 0.1, 3);
            new PostgresLearnedTimesStore(connectionString, id + "_west").Save(earlier);
            await using var b = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token, LearningOn);

            var router = a.Services.GetRequiredService<ServiceAreaRouter>();
            var west = await router.Area("west").DescribeAsync().WaitAsync(timeout.Token);
            Assert.Equal(earlier.CellCount, west.LearnedCells);
            Assert.Equal(0, (await router.Area("east").DescribeAsync().WaitAsync(timeout.Token)).LearnedCells);

            // Through the other server's gRPC: every area resets, and keeps the empty evidence in its schema.
            var byPlanner = await Assert.ThrowsAsync<RpcException>(() => b.Monitor.ResetLearnedTravelTimesAsync(new ResetLearnedTravelTimesRequest(),
                DispatchTestServer.As(b.Token(Roles.Planner, "planning"), timeout.Token)).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, byPlanner.StatusCode);
            Assert.Equal(earlier.CellCount, Kept(connectionString, id, "west", graph));
            var reply = await b.Monitor.ResetLearnedTravelTimesAsync(new ResetLearnedTravelTimesRequest(),
                DispatchTestServer.As(b.Token(Roles.Dispatcher, "ops"), timeout.Token));
            Assert.NotNull(reply.ResetAt);
            Assert.Equal(0, Kept(connectionString, id, "west", graph));
            Assert.Equal(0, Kept(connectionString, id, "east", graph));

            // The west area moves to the other server: it comes back with nothing learned.
            var (host, other) = SiloOf(a) == west.Silo ? (a, b) : (b, a);
            await host.StopAsync();
            var moved = await RetryAsync(() => other.Services.GetRequiredService<ServiceAreaRouter>().Area("west").DescribeAsync(), timeout.Token);
            Assert.NotEqual(west.Silo, moved.Silo);
            Assert.Equal(0, moved.LearnedCells);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    /// <summary>Cells of the area's evidence kept in PostgreSQL (-1 when none is kept).</summary>
    private static int Kept(string connectionString, string id, string area, Routing.Graph.RoadGraph graph)
    {
        var learned = new LearnedTravelTimes(graph);
        var load = new PostgresLearnedTimesStore(connectionString, id + "_" + area).Load(learned);
        Assert.NotEqual(LearnedTimesStatus.Rejected, load.Status);
        return load.Status == LearnedTimesStatus.Missing ? -1 : learned.CellCount;
    }

    private static string SiloOf(ClusterNode node) => node.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString();

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try { return await call().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken); }
            catch (Exception ex) when (ex is TimeoutException or OrleansException) { await Task.Delay(200, cancellationToken); }
        }
    }
}
