using DemandMobility.Security;
using Grpc.Core;
using DemandMobility.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DemandMobility.Benchmarks;

/// <summary>
/// The real dispatch host (Kestrel, h2c on 127.0.0.1 port 0, SQLite store in a temp folder, north-bayreuth graph)
/// started in this process, with a shifted clock so the service day is a fixed weekday. In-process keeps the
/// harness simple; the memory figures therefore include the load generator's own (short-lived) allocations.
/// </summary>
internal sealed class DispatchBenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TokenIssuer _issuer;

    private DispatchBenchServer(WebApplication app, TimeProvider clock, Uri address, string dataDirectory)
    {
        _app = app;
        Clock = clock;
        Address = address;
        DataDirectory = dataDirectory;
        // Tokens are validated against the real clock, so they are minted on it.
        _issuer = new TokenIssuer(app.Services.GetRequiredService<IOptions<JwtOptions>>().Value,
            app.Services.GetRequiredService<SigningKeySource>(), TimeProvider.System);
    }

    /// <summary>The engine's clock (real time on the benchmark's service day).</summary>
    public TimeProvider Clock { get; }

    public Uri Address { get; }

    public string DataDirectory { get; }

    /// <summary>The dashboard's HTTP/1.1 address (console page, push feed, JSON routes).</summary>
    public Uri DashboardAddress => new(DispatchServerHost.DashboardAddress(_app)!);

    /// <summary>The host's services (the benchmark reads the travel-time service for its table probe).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the host; the caller deletes <paramref name="dataDirectory"/> afterwards.</summary>
    public static async Task<DispatchBenchServer> StartAsync(string dataDirectory, string pbfPath, DateTimeOffset now)
    {
        var clock = new DispatchShiftedClock(now);
        string[] args = ["--urls", "http://127.0.0.1:0", "--DataDirectory", dataDirectory,
            "--Routing:PbfPath", pbfPath, "--Routing:GraphFile", Path.Combine(dataDirectory, "north-bayreuth.dmg"),
            "--Logging:LogLevel:Default", "Warning"];
        var app = DispatchServerHost.Create(args, builder => builder.Services.AddSingleton<TimeProvider>(clock));
        await app.StartAsync().ConfigureAwait(false);
        var address = new Uri(DispatchServerHost.RpcAddresses(app)[0]);
        return new DispatchBenchServer(app, clock, address, dataDirectory);
    }

    /// <summary>A bearer token valid for the whole run.</summary>
    public string Token(string role, string subject) => _issuer.Issue(new CallerContext(role, subject, null), TimeSpan.FromHours(2));

    /// <summary>Call options with the token and a 30 s deadline, so no call waits for ever.</summary>
    public static CallOptions As(string token) =>
        new(new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
