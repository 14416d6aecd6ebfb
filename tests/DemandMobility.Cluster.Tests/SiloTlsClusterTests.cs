using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using DemandMobility.Cluster.Hosting;
using DemandMobility.Cluster.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Connections.Security;
using Orleans.Runtime;
using Xunit;

namespace DemandMobility.Cluster.Tests;

/// <summary>
/// Silos on loopback with PostgreSQL membership and TLS from a self-signed certificate made in the test: two TLS silos
/// form a cluster and exchange messages; a silo without TLS, or with a certificate the cluster does not trust, cannot
/// join it.
/// </summary>
public sealed class SiloTlsClusterTests : IAsyncLifetime
{
    private readonly string _clusterId = "tls" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<IHost> _hosts = [];
    private X509Certificate2 _certificate = null!;

    public Task InitializeAsync()
    {
        _certificate = TestCertificates.CreateValid("dm-silo");
        return Task.CompletedTask;
    }

    [PostgresFact]
    public async Task Two_tls_silos_talk_and_a_silo_without_tls_or_with_a_strange_certificate_cannot_join()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var connectionString = PostgresFactAttribute.RequireConnectionString();
        await ClusterSchema.ApplyAsync(connectionString, timeout.Token);
        var tls = SiloTls.Create(_certificate, RemoteCertificateMode.RequireCertificate, [], "Cluster:Silo:Tls:TrustedThumbprints");

        var a = await StartAsync(connectionString, tls, timeout.Token);
        var b = await StartAsync(connectionString, tls, timeout.Token);
        var management = a.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var active = await WaitForActiveAsync(management, 2, timeout.Token);
        // Runtime statistics are asked of each silo's control target: a message from A to B and back over TLS.
        var statistics = await management.GetRuntimeStatistics(active).WaitAsync(timeout.Token);
        Assert.Equal(2, statistics.Length);

        // No TLS: the join fails (its connection attempts die in the TLS handshake) and the cluster stays at two.
        var plain = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(connectionString, null, timeout.Token));
        Assert.IsNotType<OperationCanceledException>(plain);
        // TLS with a certificate the cluster does not pin: refused the same way.
        using var stranger = TestCertificates.CreateValid("dm-silo");
        var strangeTls = SiloTls.Create(stranger, RemoteCertificateMode.RequireCertificate, [], "x");
        var strange = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(connectionString, strangeTls, timeout.Token));
        Assert.IsNotType<OperationCanceledException>(strange);

        var after = await management.GetHosts(onlyActive: true).WaitAsync(timeout.Token);
        Assert.Equal(active.OrderBy(s => s.ToString()), after.Keys.OrderBy(s => s.ToString()));
        Assert.Equal(2, (await management.GetRuntimeStatistics(active).WaitAsync(timeout.Token)).Length);
    }

    private static async Task<SiloAddress[]> WaitForActiveAsync(IManagementGrain management, int count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var hosts = await management.GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            if (hosts.Count == count) return [.. hosts.Keys];
            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task<IHost> StartAsync(string connectionString, SiloTls? tls, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        // The refused joins log every failed handshake and probe; the assertions below say what matters.
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        int siloPort = FreePort(), gatewayPort = FreePort();
        builder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
            {
                o.ClusterId = _clusterId;
                o.ServiceId = _clusterId;
            });
            silo.Configure<Orleans.Configuration.EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = IPAddress.Loopback;
                o.SiloPort = siloPort;
                o.GatewayPort = gatewayPort;
            });
            silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                // A silo that cannot reach the others gives up after this instead of the default five minutes.
                o.MaxJoinAttemptTime = TimeSpan.FromSeconds(10);
            });
            silo.UsePostgresCluster(connectionString);
            if (tls is not null) silo.UseSiloTls(tls);
            // A refused silo is declared dead by the cluster; Orleans' own handler would end the test process.
            silo.Services.AddSingleton<IFatalErrorHandler, RecordingFatalErrorHandler>();
        });
        var host = builder.Build();
        _hosts.Add(host);
        using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startTimeout.CancelAfter(TimeSpan.FromSeconds(60));
        await host.StartAsync(startTimeout.Token);
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await host.StopAsync(stop.Token); } catch (Exception) { /* a host that never started */ }
            host.Dispose();
        }
        _certificate.Dispose();
        if (PostgresFactAttribute.ConnectionString is not { } connectionString) return;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand(
            "DELETE FROM OrleansMembershipTable WHERE DeploymentId = @c; DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @c", connection);
        delete.Parameters.AddWithValue("c", _clusterId);
        await delete.ExecuteNonQueryAsync();
    }

    /// <summary>Logs a fatal silo error instead of ending the process (Environment.FailFast) as Orleans does.</summary>
    private sealed class RecordingFatalErrorHandler : IFatalErrorHandler
    {
        public bool IsUnexpected(Exception exception) => true;

        public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null) =>
            Console.Error.WriteLine($"Fatal silo error (test keeps running): {context} {exception?.Message}");
    }
}
