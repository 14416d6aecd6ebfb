using DemandMobility.Contracts.V1;
using DemandMobility.Routing.Storage;
using DemandMobility.Server.Hosting;
using DemandMobility.Security;
using DemandMobility.Server.Services;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>
/// The simulator against the real dispatch server (Kestrel on 127.0.0.1, port 0) in simulation mode: the same
/// scenario and seed must give the same KPIs as in-process (issue 5), and SimulationControl exists only in that mode.
/// </summary>
public sealed class GrpcModeTests
{
    [Theory]
    [InlineData(11, 0)]
    [InlineData(4, 6)]
    public async Task The_same_scenario_and_seed_give_identical_kpis_in_process_and_over_grpc(int seed, int parcelUnits)
    {
        var travel = TestRoadNetwork.Travel;
        var scenario = Scenario(seed, parcelUnits);
        // KombiBUS variant: 20 passengers and 6 parcels; otherwise 24 passengers.
        var demand = parcelUnits > 0
            ? TestKinds.PassengersAndParcels(scenario, 20, 6, seed, travel)
            : TestScenarios.Passengers(scenario, 24, seed, travel);
        var inProcess = await Simulation.RunAsync(scenario, travel, demand);

        await using var server = await SimServer.StartAsync(ServerArgs(scenario));
        await using var gateway = await GrpcGateway.ConnectAsync(server.Address, server.Token(Roles.Dispatcher), scenario.Options,
            scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations, StartOf(scenario));
        var remote = await Simulation.RunAsync(scenario, travel, demand, gateway);

        Assert.True(inProcess.Completed);
        Assert.True(remote.Completed);
        Assert.Equal("grpc", gateway.Mode);
        Assert.Empty(gateway.Warnings);
        Assert.True(inProcess.Kpis["served"] > 0, "nothing served: the comparison would prove little");
        if (parcelUnits > 0) Assert.True(inProcess.Kpis["parcels"] > 0, "no parcels: the KombiBUS variant would prove little");
        Assert.Equal(inProcess.Kpis.OrderBy(k => k.Key, StringComparer.Ordinal), remote.Kpis.OrderBy(k => k.Key, StringComparer.Ordinal));
        for (int i = 0; i < inProcess.Trips.Length; i++) Assert.Equal(inProcess.Trips[i], remote.Trips[i]);
    }

    [Fact]
    public async Task A_breakdown_over_grpc_takes_the_bus_out_of_service_and_it_serves_nobody_afterwards()
    {
        var travel = TestRoadNetwork.Travel;
        var small = Scenario(3);
        var breakdown = new DateTimeOffset(small.DayStart.Date.AddHours(8).AddMinutes(30), small.DayStart.Offset);
        var scenario = small with { Incidents = [new ScenarioIncident(IncidentKind.Breakdown, "bus-1", breakdown, breakdown)] };
        var demand = TestScenarios.Passengers(scenario, 50, 3, travel);

        await using var server = await SimServer.StartAsync(ServerArgs(scenario));
        await using var gateway = await GrpcGateway.ConnectAsync(server.Address, server.Token(Roles.Dispatcher), scenario.Options,
            scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations, StartOf(scenario));
        var remote = await Simulation.RunAsync(scenario, travel, demand, gateway);

        Assert.True(remote.Completed);
        Invariants.KpisAddUp(remote);
        Assert.Equal(0, remote.Kpis["dispatcher_call_failures"]);
        Assert.Contains(remote.Trips, t => t.Incident == "breakdown");
        Assert.DoesNotContain(remote.Trips, t => t.VehicleId == "bus-1" && t.PickupTime > breakdown && t.Outcome == TripOutcome.Served);
        // The server re-planned the broken bus's bookings: some of them were served by another bus.
        Assert.Contains(remote.Trips, t => t.Incident == "breakdown" && t.Outcome == TripOutcome.Served && t.VehicleId != "bus-1");
    }

    [Fact]
    public async Task Simulation_control_is_unimplemented_without_the_simulation_flag()
    {
        await using var server = await SimServer.StartAsync(BaseArgs());
        var e = await Assert.ThrowsAsync<RpcException>(() => server.Control.SetClockAsync(new SetClockRequest { Time = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) },
            server.As(Roles.Dispatcher)).ResponseAsync);
        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
    }

    [Fact]
    public async Task The_simulated_clock_only_moves_forward_and_only_planners_and_dispatchers_move_it()
    {
        await using var server = await SimServer.StartAsync([.. BaseArgs(), "--Simulation:Enabled=true"]);
        var t0 = new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);
        var forward = await server.Control.SetClockAsync(Clock(t0), server.As(Roles.Planner)).ResponseAsync;
        Assert.Equal(t0, forward.Time.ToDateTimeOffset());
        var config = await server.Control.GetConfigAsync(new GetSimulationConfigRequest(), server.As(Roles.Planner)).ResponseAsync;
        Assert.Equal(t0, config.Now.ToDateTimeOffset());

        var back = await Assert.ThrowsAsync<RpcException>(() =>
            server.Control.SetClockAsync(Clock(t0.AddSeconds(-1)), server.As(Roles.Dispatcher)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, back.StatusCode);
        var rider = await Assert.ThrowsAsync<RpcException>(() =>
            server.Control.SetClockAsync(Clock(t0.AddHours(1)), server.As(Roles.Rider)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, rider.StatusCode);
        var after = await server.Control.GetConfigAsync(new GetSimulationConfigRequest(), server.As(Roles.Dispatcher)).ResponseAsync;
        Assert.Equal(t0, after.Now.ToDateTimeOffset());
    }

    [Fact]
    public async Task A_server_started_with_other_settings_is_refused_naming_the_setting()
    {
        var scenario = Scenario(seed: 11);
        await using var server = await SimServer.StartAsync([.. ServerArgs(scenario).Where(a => !a.StartsWith("--Simulation:Seed", StringComparison.Ordinal)), "--Simulation:Seed=12"]);
        var e = await Assert.ThrowsAsync<GrpcGatewayException>(() => GrpcGateway.ConnectAsync(server.Address, server.Token(Roles.Dispatcher),
            scenario.Options, scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations, StartOf(scenario)));
        Assert.Contains("--Simulation:Seed=11", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_simulate_verb_runs_against_the_server_with_a_token_file_and_reports_a_missing_server()
    {
        var root = RepositoryPaths.FindRoot(AppContext.BaseDirectory)!;
        string dir = Path.Combine(Path.GetTempPath(), "dm-sim-grpc-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            // The shipped sprinti scenario, shortened to 30 trips and pointed at the repository's PBF.
            string json = File.ReadAllText(Path.Combine(root, "simulator", "scenarios", "sprinti-bayreuth.json"))
                .Replace("\"trips_per_day\": 500", "\"trips_per_day\": 30", StringComparison.Ordinal)
                .Replace("\"routing-data/north-bayreuth.osm.pbf\"", System.Text.Json.JsonSerializer.Serialize(TestRoadNetwork.PbfPath), StringComparison.Ordinal);
            string scenarioFile = Path.Combine(dir, "sprinti-30.json");
            File.WriteAllText(scenarioFile, json);
            var scenario = ScenarioLoader.Load(scenarioFile);
            string graph = BaseArgs()[3];

            await using var server = await SimServer.StartAsync(ServerArgs(scenario));
            string tokenFile = Path.Combine(dir, "token");
            File.WriteAllText(tokenFile, server.Token(Roles.Dispatcher) + "\n");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = await Cli.SimulateCommand.RunAsync(new Cli.SimulateArguments(scenarioFile, Path.Combine(dir, "grpc"), Graph: graph,
                Server: server.Address.ToString(), TokenFile: tokenFile), stdout, stderr, CancellationToken.None);
            Assert.True(code == 0, stderr.ToString());
            int inProcess = await Cli.SimulateCommand.RunAsync(new Cli.SimulateArguments(scenarioFile, Path.Combine(dir, "local"), Graph: graph),
                new StringWriter(), new StringWriter(), CancellationToken.None);
            Assert.Equal(0, inProcess);
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "local", "trips.csv")), File.ReadAllText(Path.Combine(dir, "grpc", "trips.csv")));

            var missing = new StringWriter();
            int refused = await Cli.SimulateCommand.RunAsync(new Cli.SimulateArguments(scenarioFile, Path.Combine(dir, "none"), Graph: graph,
                Server: "http://127.0.0.1:1", Token: "x"), new StringWriter(), missing, CancellationToken.None);
            Assert.Equal(2, refused);
            Assert.Contains("127.0.0.1:1", missing.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static SetClockRequest Clock(DateTimeOffset t) => new() { Time = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(t) };

    private static LoadedScenario Scenario(int seed, int parcelUnits = 0)
    {
        return TestScenarios.Small(seed: seed, parcelUnits: parcelUnits);
    }

    internal static DateTimeOffset StartOf(LoadedScenario scenario)
    {
        var start = scenario.DayStart;
        foreach (var v in scenario.Vehicles)
            if (v.ShiftStart < start) start = v.ShiftStart;
        return start;
    }

    internal static string[] BaseArgs()
    {
        _ = TestRoadNetwork.Travel;
        // The graph TestRoadNetwork built for this test run (LoadOrBuild only reads it here).
        string graph = Path.Combine(Path.GetTempPath(), $"dm-sim-tests-{Environment.ProcessId}", "north-bayreuth.dmg");
        var outcome = GraphStore.LoadOrBuild(TestRoadNetwork.PbfPath, graph);
        if (!outcome.IsOk) throw new InvalidOperationException(outcome.Message);
        return ["--urls", "http://127.0.0.1:0", "--Routing:GraphFile", graph, "--Routing:PbfPath", TestRoadNetwork.PbfPath,
            "--Logging:LogLevel:Default", "Warning"];
    }

    /// <summary>Server settings equal to the scenario's engine settings (what the README tells users to pass).</summary>
    internal static string[] ServerArgs(LoadedScenario scenario)
    {
        var o = scenario.Options;
        static string Span(TimeSpan t) => t.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            .. BaseArgs(), "--Simulation:Enabled=true",
            $"--Simulation:Seed={scenario.Settings.Seed}",
            $"--Simulation:Iterations={scenario.Settings.Reoptimisation.Iterations}",
            $"--Simulation:MaxWait={Span(o.MaxWait)}",
            // The scenario's four-corner box: Region:ServiceArea on a command line cannot drop the default's fifth corner.
            $"--Simulation:ServiceArea={GrpcConfigCheck.Corners(o)}",
            $"--Dispatch:PromiseWindow={Span(o.PromiseWindow)}",
            $"--Dispatch:OfferExpiry={Span(o.OfferExpiry)}",
            FormattableString.Invariant($"--Dispatch:MaxWalkingDistanceMeters={o.MaxWalkingMetres}"),
            FormattableString.Invariant($"--Dispatch:MaxRideTimeFactor={o.DetourFactor}"),
            $"--Dispatch:MaxRideTimeConstant={Span(o.DetourConstant)}",
        ];
    }

    /// <summary>The real host over a fresh data folder, with a channel and tokens minted on the real clock.</summary>
    internal sealed class SimServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly string _dataDirectory;
        private readonly TokenIssuer _issuer;

        private SimServer(WebApplication app, string dataDirectory, Uri address)
        {
            _app = app;
            _dataDirectory = dataDirectory;
            Address = address;
            Channel = GrpcChannel.ForAddress(address);
            Control = new SimulationControl.SimulationControlClient(Channel);
            // Token lifetimes are checked against the real clock, not the simulated one.
            _issuer = new TokenIssuer(app.Services.GetRequiredService<IOptions<JwtOptions>>().Value,
                app.Services.GetRequiredService<SigningKeySource>(), TimeProvider.System);
        }

        public Uri Address { get; }

        public GrpcChannel Channel { get; }

        public SimulationControl.SimulationControlClient Control { get; }

        public static async Task<SimServer> StartAsync(string[] args)
        {
            string data = Path.Combine(Path.GetTempPath(), "dm-sim-grpc-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(data);
            var app = DispatchServerHost.Create([.. args, "--DataDirectory", data]);
            await app.StartAsync();
            return new SimServer(app, data, new Uri(DispatchServerHost.RpcAddresses(app).Single()));
        }

        public string Token(string role) => _issuer.Issue(new CallerContext(role, "sim-test", null), TimeSpan.FromHours(1));

        public CallOptions As(string role) =>
            new(new Metadata { { "authorization", "Bearer " + Token(role) } }, DateTime.UtcNow.AddSeconds(30));

        public async ValueTask DisposeAsync()
        {
            Channel.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
            try { Directory.Delete(_dataDirectory, recursive: true); }
            catch (IOException) { /* best effort: a temp folder (SQLite may still hold the file briefly) */ }
        }
    }
}
