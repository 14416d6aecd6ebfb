using System.Globalization;
using System.Net;
using System.Net.Sockets;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Security;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>
/// The simulator's gRPC mode against a cluster: two servers in cluster and simulation mode (two Orleans silos, one
/// process, membership and the areas' logs on PostgreSQL, loopback only), the region split into a west and an east
/// area. Needs <c>DM_TEST_POSTGRES</c> (skipped without it, fails under <c>CI=true</c>).
/// </summary>
public sealed class ClusterGrpcModeTests
{
    [ClusterPostgresFact]
    public async Task A_day_runs_against_two_silos_with_one_clock_for_every_area()
    {
        string connectionString = ClusterPostgresFactAttribute.RequireConnectionString();
        string id = "sim" + Guid.NewGuid().ToString("N")[..10];
        string data = Path.Combine(Path.GetTempPath(), "dm-sim-cluster-" + id);
        Directory.CreateDirectory(data);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var travel = TestRoadNetwork.Travel;
        var scenario = TwoAreaScenario(seed: 5);
        var demand = TestScenarios.Passengers(scenario, 24, 5, travel);
        try
        {
            string[] args = [.. GrpcModeTests.ServerArgs(scenario), "--DataDirectory", data];
            await using var a = await StartSiloAsync(args, connectionString, id, timeout.Token);
            await using var b = await StartSiloAsync(args, connectionString, id, timeout.Token);

            await using var gateway = await GrpcGateway.ConnectAsync(a.Address, a.Token(Roles.Dispatcher), scenario.Options,
                scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations, GrpcModeTests.StartOf(scenario), timeout.Token);
            var result = await Simulation.RunAsync(scenario, travel, demand, gateway, cancellationToken: timeout.Token);

            Assert.True(result.Completed);
            Assert.Equal("grpc", gateway.Mode);
            Invariants.KpisAddUp(result);
            Assert.Equal(0, result.Kpis["dispatcher_call_failures"]);
            var served = result.Trips.Where(t => t.Outcome == TripOutcome.Served).ToList();
            Assert.True(served.Count >= 8, $"only {served.Count} of 24 trips served");
            // Both areas served trips, with the scenario's vehicle ids and the cluster's area-scoped booking ids.
            Assert.Contains(served, t => t.VehicleId!.StartsWith("west-bus-", StringComparison.Ordinal) && t.BookingId!.StartsWith("west.", StringComparison.Ordinal));
            Assert.Contains(served, t => t.VehicleId!.StartsWith("east-bus-", StringComparison.Ordinal) && t.BookingId!.StartsWith("east.", StringComparison.Ordinal));

            // The clock the simulator moved through silo a is the one silo b reports, and it lists both areas.
            var config = await b.Control.GetConfigAsync(new GetSimulationConfigRequest(), b.As(Roles.Planner)).ResponseAsync;
            Assert.Equal(["west", "east"], config.Areas.Select(x => x.Id));
            var now = config.Now.ToDateTimeOffset();
            Assert.True(now >= scenario.DayEnd, $"cluster clock {now:O} before the day's end");
            var back = await Assert.ThrowsAsync<RpcException>(() => b.Control.SetClockAsync(
                new SetClockRequest { Time = Timestamp.FromDateTimeOffset(now.AddMinutes(-1)) }, b.As(Roles.Dispatcher)).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, back.StatusCode);
            var rider = await Assert.ThrowsAsync<RpcException>(() => b.Control.SetClockAsync(
                new SetClockRequest { Time = Timestamp.FromDateTimeOffset(now.AddMinutes(1)) }, b.As(Roles.Rider)).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, rider.StatusCode);
            var round = await b.Control.ReoptimiseAsync(new ReoptimiseRequest(), b.As(Roles.Dispatcher)).ResponseAsync;
            Assert.Matches("^west=[A-Za-z]+,east=[A-Za-z]+$", round.Status);
            var wrongIterations = await Assert.ThrowsAsync<RpcException>(() =>
                b.Control.ReoptimiseAsync(new ReoptimiseRequest { Iterations = 7 }, b.As(Roles.Dispatcher)).ResponseAsync);
            Assert.Equal(StatusCode.FailedPrecondition, wrongIterations.StatusCode);
            var manifest = await b.Control.GetManifestAsync(new SimulationManifestRequest { VehicleId = "east.east-bus-1" }, b.As(Roles.Dispatcher)).ResponseAsync;
            Assert.Equal("east.east-bus-1", manifest.VehicleId);
            var unscoped = await Assert.ThrowsAsync<RpcException>(() =>
                b.Control.GetManifestAsync(new SimulationManifestRequest { VehicleId = "east-bus-1" }, b.As(Roles.Dispatcher)).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, unscoped.StatusCode);
        }
        finally
        {
            await CleanUpAsync(connectionString, id);
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { /* best effort: a temp folder */ }
        }
    }

    /// <summary>The small test day with two buses in each area (depots in Bindlach, east, and Neudrossenfeld, west).</summary>
    internal static LoadedScenario TwoAreaScenario(int seed)
    {
        var small = TestScenarios.Small(seed: seed);
        var settings = small.Settings with
        {
            Fleet =
            [
                new FleetEntrySettings { Count = 2, IdPrefix = "east-bus", Depot = new LatLonSettings(49.983, 11.585), ShiftStart = "07:00", ShiftEnd = "10:30" },
                new FleetEntrySettings { Count = 2, IdPrefix = "west-bus", Depot = new LatLonSettings(50.0115, 11.499), ShiftStart = "07:00", ShiftEnd = "10:30" },
            ],
        };
        return ScenarioLoader.Resolve(settings, "test", AppContext.BaseDirectory);
    }

    internal static async Task<Silo> StartSiloAsync(string[] args, string connectionString, string id, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>
        {
            ["Cluster:Enabled"] = "true",
            ["Cluster:PostgresConnectionString"] = connectionString,
            ["Cluster:ClusterId"] = id,
            ["Cluster:ServiceId"] = id,
            ["Cluster:AreaSchemaPrefix"] = id + "_",
            ["Cluster:HangfireSchema"] = id + "_hangfire",
            ["Cluster:SiloPort"] = FreePort(),
            ["Cluster:GatewayPort"] = FreePort(),
        };
        // The region split at 11.545° E; trips may cross.
        AddArea(settings, 0, "west", "east", [[11.490, 49.977], [11.545, 49.977], [11.545, 50.043], [11.490, 50.040]]);
        AddArea(settings, 1, "east", "west", [[11.545, 49.977], [11.600, 49.977], [11.600, 50.040], [11.545, 50.043]]);
        var app = DispatchServerHost.Create([.. args, .. settings.SelectMany(s => new[] { "--" + s.Key, s.Value })]);
        await app.StartAsync(cancellationToken);
        return new Silo(app);
    }

    private static void AddArea(Dictionary<string, string> settings, int index, string id, string neighbour, double[][] boundary)
    {
        settings[$"Cluster:Areas:{index}:Id"] = id;
        settings[$"Cluster:Areas:{index}:DestinationAreas:0"] = neighbour;
        for (int i = 0; i < boundary.Length; i++)
        {
            settings[$"Cluster:Areas:{index}:Boundary:{i}:0"] = boundary[i][0].ToString(CultureInfo.InvariantCulture);
            settings[$"Cluster:Areas:{index}:Boundary:{i}:1"] = boundary[i][1].ToString(CultureInfo.InvariantCulture);
        }
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    internal static async Task CleanUpAsync(string connectionString, string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "DELETE FROM OrleansMembershipTable WHERE DeploymentId = @id; DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @id; " +
            $"DELETE FROM OrleansRemindersTable WHERE ServiceId = @id; DROP SCHEMA IF EXISTS {id}_west CASCADE; DROP SCHEMA IF EXISTS {id}_east CASCADE; DROP SCHEMA IF EXISTS {id}_hangfire CASCADE;",
            connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One server in cluster mode, its gRPC address, SimulationControl client and tokens on the real clock.</summary>
    internal sealed class Silo : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly TokenIssuer _issuer;
        private readonly GrpcChannel _channel;

        public Silo(WebApplication app)
        {
            _app = app;
            Address = new Uri(DispatchServerHost.RpcAddresses(app).Single());
            _channel = GrpcChannel.ForAddress(Address);
            Control = new SimulationControl.SimulationControlClient(_channel);
            _issuer = new TokenIssuer(app.Services.GetRequiredService<IOptions<JwtOptions>>().Value,
                app.Services.GetRequiredService<SigningKeySource>(), TimeProvider.System);
        }

        public Uri Address { get; }

        public SimulationControl.SimulationControlClient Control { get; }

        public string Token(string role) => _issuer.Issue(new CallerContext(role, "sim-test", null), TimeSpan.FromHours(1));

        public CallOptions As(string role) => new(new Metadata { { "authorization", "Bearer " + Token(role) } }, DateTime.UtcNow.AddSeconds(60));

        public async ValueTask DisposeAsync()
        {
            _channel.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>
/// A fact needing the PostgreSQL server named by <c>DM_TEST_POSTGRES</c> (tests/ci/postgres.sh): skipped without it,
/// except under <c>CI=true</c>, where it runs and fails.
/// </summary>
public sealed class ClusterPostgresFactAttribute : FactAttribute
{
    public ClusterPostgresFactAttribute()
    {
        if (ConnectionString is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Skip = "DM_TEST_POSTGRES is not set; run tests/ci/postgres.sh (as root) and export the connection string it prints.";
    }

    private static string? ConnectionString => Environment.GetEnvironmentVariable("DM_TEST_POSTGRES") is { Length: > 0 } v ? v : null;

    public static string RequireConnectionString() => ConnectionString
        ?? throw new InvalidOperationException("DM_TEST_POSTGRES is not set but CI=true: PostgreSQL tests must run in CI (tests/ci/postgres.sh).");
}
