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
/// (dropped afterwards), engines on a 40 km/h straight-line network and the real clock.
/// </summary>
public sealed class AreaClusterFixture : IAsyncLifetime
{
    private string? _connectionString;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>Schema prefix of this fixture's area stores.</summary>
    public string SchemaPrefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10] + "_";

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
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) => silo.AddServiceAreas(TestRegion.ServiceAreas, stores, engines));
        builder.ConfigureClient(client =>
        {
            client.Services.AddDispatchSerialization();
            client.Services.AddSingleton(sp => new ServiceAreaRouter(sp.GetRequiredService<IGrainFactory>(), Areas.ServiceAreaMap.Create(TestRegion.ServiceAreas)));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_connectionString is null) return;
        await Cluster.DisposeAsync();
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        foreach (var area in TestRegion.ServiceAreas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {SchemaPrefix}{area.Id} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
