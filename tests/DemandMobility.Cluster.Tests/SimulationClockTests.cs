using DemandMobility.Cluster.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace DemandMobility.Cluster.Tests;

/// <summary>Three silos in simulation mode (the cluster clock and each area's simulated clock).</summary>
public sealed class SimulatedClusterFixture : AreaClusterFixture
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.AddSingleton(new ClusterSimulation(true, Start, 1, 10));
}

/// <summary>
/// The simulated clock is stored in PostgreSQL before it moves the areas and read back when its grain activates:
/// when the silo holding the clock grain is killed, the clock comes back on another silo at the time last set.
/// </summary>
public sealed class SimulationClockTests(SimulatedClusterFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<SimulatedClusterFixture>
{
    [PostgresFact]
    [Trait("Category", "Failover")]
    public async Task The_clock_resumes_at_the_stored_time_after_its_silo_is_killed()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var router = fixture.Router;
        var set = SimulatedClusterFixture.Start.AddHours(3).AddMinutes(17);
        var moved = await router.SetSimulatedTimeAsync(set).WaitAsync(timeout.Token);
        Assert.True(moved.IsSuccess, moved.Error?.Message);

        var clockId = fixture.Cluster.Client.GetGrain<ISimulationClockGrain>(ISimulationClockGrain.Key).GetGrainId();
        var stats = await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics().WaitAsync(timeout.Token);
        var host = stats.Single(s => s.GrainId == clockId).SiloAddress;
        var victim = fixture.Cluster.Silos.Single(s => s.SiloAddress.Equals(host));
        output.WriteLine($"clock grain on {host}; killing it");
        await fixture.Cluster.KillSiloAsync(victim).WaitAsync(timeout.Token);

        DateTimeOffset after;
        while (true)
        {
            try
            {
                after = await router.GetSimulatedTimeAsync().WaitAsync(TimeSpan.FromSeconds(5), timeout.Token);
                break;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                await Task.Delay(200, timeout.Token);
            }
        }
        Assert.Equal(set, after);
        Assert.NotEqual(host, (await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics().WaitAsync(timeout.Token))
            .Single(s => s.GrainId == clockId).SiloAddress);
        // Still only forward: an earlier time is refused, a later one moves it.
        Assert.False((await router.SetSimulatedTimeAsync(set.AddMinutes(-1)).WaitAsync(timeout.Token)).IsSuccess);
        Assert.True((await router.SetSimulatedTimeAsync(set.AddMinutes(5)).WaitAsync(timeout.Token)).IsSuccess);
        Assert.Equal(set.AddMinutes(5), await router.GetSimulatedTimeAsync().WaitAsync(timeout.Token));
    }

    [PostgresFact]
    public async Task The_stored_clock_never_moves_back_and_clusters_keep_their_own()
    {
        var connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "clock-test-" + Guid.NewGuid().ToString("N")[..8];
        var store = new PostgresSimulationClockStore(connectionString, id);
        var other = new PostgresSimulationClockStore(connectionString, id + "-other");
        try
        {
            Assert.Null(await store.ReadAsync(CancellationToken.None));
            var t = SimulatedClusterFixture.Start.AddHours(1);
            Assert.Equal(t, await store.SaveAsync(t, CancellationToken.None));
            Assert.Equal(t, await store.SaveAsync(t.AddMinutes(-5), CancellationToken.None));
            Assert.Equal(t.AddMinutes(1), await store.SaveAsync(t.AddMinutes(1), CancellationToken.None));
            Assert.Equal(t.AddMinutes(1), await store.ReadAsync(CancellationToken.None));
            Assert.Null(await other.ReadAsync(CancellationToken.None));
        }
        finally
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("DELETE FROM dm_simulation_clock WHERE clock_id LIKE @id", connection);
            delete.Parameters.AddWithValue("id", id + "%");
            await delete.ExecuteNonQueryAsync();
        }
    }
}
