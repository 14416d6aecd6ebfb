using DemandMobility.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client;
using DemandMobility.Server.Hosting;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// The real dispatch host on Kestrel at 127.0.0.1 (port 0) over a given data folder, with a fake "now" so that
/// the default fleet's shifts cover the test time, and a gRPC channel plus token minting for the tests.
/// </summary>
public sealed class DispatchTestServer : IAsyncDisposable
{
    /// <summary>A weekday morning: 10:00 in Europe/Berlin, inside every default shift.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2030, 6, 4, 8, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly TokenIssuer _issuer;

    private DispatchTestServer(WebApplication app, ManualClock clock, Uri address)
    {
        _app = app;
        Clock = clock;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
        Booking = new BookingService.BookingServiceClient(Channel);
        Parcels = new ParcelService.ParcelServiceClient(Channel);
        Fleet = new FleetService.FleetServiceClient(Channel);
        Monitor = new MonitorService.MonitorServiceClient(Channel);
        Simulation = new SimulationControl.SimulationControlClient(Channel);
        // Tokens are checked against the real clock, so they are minted on it too; the engine uses the fake one.
        _issuer = new TokenIssuer(app.Services.GetRequiredService<IOptions<JwtOptions>>().Value,
            app.Services.GetRequiredService<SigningKeySource>(), TimeProvider.System);
    }

    public ManualClock Clock { get; }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public BookingService.BookingServiceClient Booking { get; }

    public ParcelService.ParcelServiceClient Parcels { get; }

    public FleetService.FleetServiceClient Fleet { get; }

    public MonitorService.MonitorServiceClient Monitor { get; }

    public SimulationControl.SimulationControlClient Simulation { get; }

    /// <summary>The dashboard's HTTP/1.1 address (gRPC-Web and JSON transcoding answer there too); null when disabled.</summary>
    public Uri? DashboardAddress => DispatchServerHost.DashboardAddress(_app) is { } a ? new Uri(a) : null;

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a host; <paramref name="settings"/> adds configuration (e.g. the PostgreSQL store or a TLS certificate),
    /// <paramref name="url"/> is the listening address (an https one needs a certificate in the settings).
    /// </summary>
    public static async Task<DispatchTestServer> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null,
        DateTimeOffset? now = null, string url = "http://127.0.0.1:0")
    {
        var clock = new ManualClock(now ?? DefaultStart);
        string[] args = ["--urls", url, "--DataDirectory", dataDirectory, "--Routing:GraphFile", SharedRoadGraph.GraphPath,
            "--Routing:PbfPath", SharedRoadGraph.PbfPath, "--Logging:LogLevel:Default", "Warning"];
        var app = DispatchServerHost.Create(args, builder =>
        {
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<TimeProvider>(clock);
        });
        await app.StartAsync();
        var address = DispatchServerHost.RpcAddresses(app).Single();
        return new DispatchTestServer(app, clock, new Uri(address));
    }

    public string Token(string role, string subject, string? vehicle = null, TimeSpan? lifetime = null) =>
        _issuer.Issue(new CallerContext(role, subject, vehicle), lifetime ?? TimeSpan.FromHours(1));

    /// <summary>A token minted as if at <paramref name="issuedAt"/> (e.g. an already expired one).</summary>
    public string TokenIssuedAt(DateTimeOffset issuedAt, string role, string subject, TimeSpan lifetime) =>
        new TokenIssuer(Services.GetRequiredService<IOptions<JwtOptions>>().Value, Services.GetRequiredService<SigningKeySource>(),
            new ManualClock(issuedAt)).Issue(new CallerContext(role, subject, null), lifetime);

    /// <summary>Call options with the token and a 30 s deadline (no test waits for ever).</summary>
    public static CallOptions As(string? token, CancellationToken cancellationToken = default) =>
        new(token is null ? new Metadata() : new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(30), cancellationToken);

    /// <summary>Stops the host (graceful shutdown) while the channel stays usable for observing open calls.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
