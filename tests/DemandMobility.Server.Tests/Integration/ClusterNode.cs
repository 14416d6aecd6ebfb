using System.Net;
using System.Net.Sockets;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Security;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>One server in cluster mode on loopback ports of its own, with a gRPC channel and token minting.</summary>
internal sealed class ClusterNode : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TokenIssuer _issuer;
    private readonly GrpcChannel _channel;
    private bool _stopped;

    private ClusterNode(WebApplication app)
    {
        _app = app;
        _channel = GrpcChannel.ForAddress(DispatchServerHost.RpcAddresses(app).Single());
        Booking = new BookingService.BookingServiceClient(_channel);
        Fleet = new FleetService.FleetServiceClient(_channel);
        Planner = new PlannerService.PlannerServiceClient(_channel);
        Parcels = new ParcelService.ParcelServiceClient(_channel);
        Monitor = new MonitorService.MonitorServiceClient(_channel);
        Dispatcher = new DispatcherService.DispatcherServiceClient(_channel);
        Health = new Grpc.Health.V1.Health.HealthClient(_channel);
        _issuer = new TokenIssuer(app.Services.GetRequiredService<IOptions<JwtOptions>>().Value,
            app.Services.GetRequiredService<SigningKeySource>(), TimeProvider.System);
    }

    public BookingService.BookingServiceClient Booking { get; }

    public ParcelService.ParcelServiceClient Parcels { get; }

    public MonitorService.MonitorServiceClient Monitor { get; }

    public DispatcherService.DispatcherServiceClient Dispatcher { get; }

    public Grpc.Health.V1.Health.HealthClient Health { get; }

    /// <summary>The host's services (the silo's grain factory among them).</summary>
    public IServiceProvider Services => _app.Services;

    public bool IsClusterMode => _app.Services.GetService<DemandMobility.Cluster.Routing.ServiceAreaRouter>() is not null;

    public FleetService.FleetServiceClient Fleet { get; }

    public PlannerService.PlannerServiceClient Planner { get; }

    public string Token(string role, string subject, string? vehicleId = null) =>
        _issuer.Issue(new CallerContext(role, subject, vehicleId), TimeSpan.FromHours(1));

    public static async Task<ClusterNode> StartAsync(string dataDirectory, string connectionString, string id, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--DataDirectory", dataDirectory, "--Routing:GraphFile", SharedRoadGraph.GraphPath,
            "--Routing:PbfPath", SharedRoadGraph.PbfPath, "--Logging:LogLevel:Default", "Warning"];
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:Enabled"] = "true",
            ["Cluster:PostgresConnectionString"] = connectionString,
            ["Cluster:ClusterId"] = id,
            ["Cluster:ServiceId"] = id,
            ["Cluster:AreaSchemaPrefix"] = id + "_",
            ["Cluster:HangfireSchema"] = id + "_hangfire",
            ["Planner:Schema"] = id + "_planner",
            ["Cluster:SiloPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster:GatewayPort"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Areas stay where they activated unless a test asks for balancing (a move drops open offers mid-test).
            ["Cluster:Rebalancing:Interval"] = "00:00:00",
        };
        // The region's default polygon split at 11.545° E into a west and an east area; trips may cross.
        AddArea(settings, 0, "west", "east", [[11.490, 49.977], [11.545, 49.977], [11.545, 50.043], [11.490, 50.040]]);
        AddArea(settings, 1, "east", "west", [[11.545, 49.977], [11.600, 49.977], [11.600, 50.040], [11.545, 50.043]]);
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string>()) settings[key] = value;
        // As arguments, not a configure callback: the mode is chosen before the modules are registered.
        var app = DispatchServerHost.Create([.. args, .. settings.SelectMany(s => new[] { "--" + s.Key, s.Value! })]);
        await app.StartAsync(cancellationToken);
        return new ClusterNode(app);
    }

    private static void AddArea(Dictionary<string, string?> settings, int index, string id, string neighbour, double[][] boundary)
    {
        settings[$"Cluster:Areas:{index}:Id"] = id;
        settings[$"Cluster:Areas:{index}:DestinationAreas:0"] = neighbour;
        for (int i = 0; i < boundary.Length; i++)
        {
            settings[$"Cluster:Areas:{index}:Boundary:{i}:0"] = boundary[i][0].ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"Cluster:Areas:{index}:Boundary:{i}:1"] = boundary[i][1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Removes this test's membership rows, reminders and area schemas.</summary>
    public static async Task CleanUpAsync(string connectionString, string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "DELETE FROM OrleansMembershipTable WHERE DeploymentId = @id; DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @id; " +
            $"DELETE FROM OrleansRemindersTable WHERE ServiceId = @id; DROP SCHEMA IF EXISTS {id}_west CASCADE; DROP SCHEMA IF EXISTS {id}_east CASCADE; DROP SCHEMA IF EXISTS {id}_hangfire CASCADE; DROP SCHEMA IF EXISTS {id}_planner CASCADE;", connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops the server gracefully (its silo leaves the cluster, its grains deactivate); the channel stays for disposal.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await StopAsync();
        await _app.DisposeAsync();
    }
}
