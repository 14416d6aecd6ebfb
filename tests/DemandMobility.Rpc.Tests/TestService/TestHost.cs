using System.Net;
using System.Security.Cryptography.X509Certificates;
using DemandMobility.Rpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace DemandMobility.Rpc.Tests.TestService;

/// <summary>A real Kestrel on 127.0.0.1 with an OS-chosen port, serving the test service.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, Uri address, TestServiceImpl service)
    {
        _app = app;
        Address = address;
        Service = service;
    }

    public Uri Address { get; }

    public TestServiceImpl Service { get; }

    public static async Task<TestHost> StartAsync(Action<RpcServerOptions>? configure = null,
        X509Certificate2? certificate = null, bool unknownServiceFallback = false, Action<WebApplication>? configureApp = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var endPoint = new IPEndPoint(IPAddress.Loopback, 0);
            if (certificate is null)
            {
                kestrel.ListenRpcCleartext(endPoint);
            }
            else
            {
                kestrel.ListenRpcTls(endPoint, certificate);
            }
        });
        builder.Services.AddRpcServer(configure);
        var app = builder.Build();
        var service = new TestServiceImpl();
        app.MapRpcService(service.BuildDefinition());
        if (unknownServiceFallback)
        {
            app.MapRpcUnknownServiceFallback();
        }

        configureApp?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestHost(app, new Uri(address), service);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One server shared by the tests of a class (tests only read from it).</summary>
public sealed class SharedTestHost : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
