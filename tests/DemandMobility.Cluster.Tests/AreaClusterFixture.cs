using DemandMobility.Cluster.Engines;
using DemandMobility.Cluster.Hosting;
using DemandMobility.Cluster.Routing;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Travel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;
using Xunit;

namespace DemandMobility.Cluster.Tests;

/// <summary>
/// Three in-process silos hosting the <see cref="TestRegion"/> areas, their stores in fresh PostgreSQL schemas
/// (dropped afterwards), engines on a 40 km/h straight-line network and the real clock. Membership and reminders
/// are the real ADO.NET providers on the same PostgreSQL database (<see cref="ClusterSchema"/>), under a cluster and
/// service id of their own.
/// </summary>
public class AreaClusterFixture : IAsyncLifetime
{
    private string? _connectionString;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>Schema prefix of this fixture's area stores.</summary>
    public string SchemaPrefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10] + "_";

    /// <summary>How many silos the cluster starts with.</summary>
    protected virtual short InitialSilos => 3;

    /// <summary>The region's areas.</summary>
    public virtual IReadOnlyList<Areas.ServiceAreaDefinition> ServiceAreas => TestRegion.ServiceAreas;

    /// <summary>More silo configuration (after the areas are added).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    public ServiceAreaRouter Router => Cluster.Client.ServiceProvider.GetRequiredService<ServiceAreaRouter>();

    /// <summary>The router as seen inside a silo (every silo routes).</summary>
    public ServiceAreaRouter RouterOn(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<ServiceAreaRouter>();

    public async Task InitializeAsync()
    {
        _connectionString = PostgresFactAttribute.ConnectionString;
        if (_connectionString is null)
        {
            if (PostgresFactAttribute.IsCi) PostgresFactAttribute.RequireConnectionString();
            return; // the tests are skipped
        }
        var stores = new PostgresAreaStoreProvider(_connectionString, SchemaPrefix);
        var engines = new AreaEngineFactory(new DispatchOptions(), new StraightLineTravelTimeService(40), TimeProvider.System);
        await ClusterSchema.ApplyAsync(_connectionString);
        var builder = new InProcessTestClusterBuilder(InitialSilos);
        UseRealMembership(builder.Options);
        builder.Options.ClusterId = "c" + SchemaPrefix;
        builder.Options.ServiceId = "s" + SchemaPrefix;
        var connectionString = _connectionString;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UsePostgresCluster(connectionString).AddServiceAreas(ServiceAreas, stores, engines);
            ConfigureSilo(silo);
            // Detect a killed silo in a few seconds (defaults take tens of seconds): probe every second, two misses.
            silo.Configure<Orleans.Configuration.ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
            });
        });
        builder.ConfigureClient(client =>
        {
            client.UsePostgresCluster(connectionString);
            client.Services.AddSingleton(sp => new ServiceAreaRouter(sp.GetRequiredService<IGrainFactory>(), Areas.ServiceAreaMap.Create(ServiceAreas)));
        });
        Cluster = builder.Build();
        using var deploy = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await Cluster.DeployAsync(deploy.Token);
    }

    // InProcessTestClusterOptions.UseTestClusterMembership is not public in Orleans 10.4.2; without turning it off
    // the test cluster replaces the ADO.NET membership configured below with its in-memory table.
    private static void UseRealMembership(InProcessTestClusterOptions options) =>
        (typeof(InProcessTestClusterOptions).GetProperty("UseTestClusterMembership",
             System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
         ?? throw new InvalidOperationException("InProcessTestClusterOptions.UseTestClusterMembership is gone: update the fixture."))
        .SetValue(options, false);

    public async Task DisposeAsync()
    {
        if (_connectionString is null) return;
        await Cluster.DisposeAsync();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using (var membership = new NpgsqlCommand(
            "DELETE FROM OrleansMembershipTable WHERE DeploymentId = @c; DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @c; " +
            "DELETE FROM OrleansRemindersTable WHERE ServiceId = @s", connection))
        {
            membership.Parameters.AddWithValue("c", "c" + SchemaPrefix);
            membership.Parameters.AddWithValue("s", "s" + SchemaPrefix);
            await membership.ExecuteNonQueryAsync();
        }
        foreach (var area in ServiceAreas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {SchemaPrefix}{area.Id} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>A cluster of its own for the kill test, so the other tests' silo stop does not shrink it.</summary>
public sealed class KillableClusterFixture : AreaClusterFixture;
