using System.Collections.Immutable;
using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Engines;
using DemandMobility.Cluster.Grains;
using DemandMobility.Cluster.Learning;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Learning;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Tests.Learning;
using DemandMobility.Optimization.Model;
using DemandMobility.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace DemandMobility.Cluster.Tests;

/// <summary>
/// Two silos hosting one service area over the drawn grid world (<see cref="GridWorld"/>), its engine learning travel
/// times with its evidence in the area's PostgreSQL schema; the engine's clock is moved by hand so fixes are minutes apart.
/// </summary>
public sealed class LearningClusterFixture : AreaClusterFixture
{
    public static readonly RoadRouter Grid = GridWorld.Router();

    public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override short InitialSilos => 2;

    public override IReadOnlyList<ServiceAreaDefinition> ServiceAreas { get; } =
        [new ServiceAreaDefinition("grid", [new GeoPoint(49.99, 11.49), new GeoPoint(49.99, 11.53), new GeoPoint(50.02, 11.53), new GeoPoint(50.02, 11.49)], [])];

    public PostgresLearnedTimesStore StoreOf(string areaId) => new(PostgresFactAttribute.RequireConnectionString(), SchemaPrefix + areaId);

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string prefix = SchemaPrefix;
        // The loop's own interval is long: the test relies on the keep at deactivation, not on a timer.
        var learning = new AreaLearningFactory(Grid, new LearningOptions { Interval = TimeSpan.FromHours(1) },
            id => new PostgresLearnedTimesStore(connectionString, prefix + id));
        silo.Services.AddSingleton<IAreaEngineFactory>(new AreaEngineFactory(_ => new DispatchOptions(), new Dispatch.Travel.RoadRouterTravelTimeService(Grid), Clock, learning));
    }
}

/// <summary>A clock the test moves by hand, shared by the in-process silos' engines.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>Learned travel times in cluster mode: an area's engine learns from its vehicles' fixes, and what it learned moves with it.</summary>
public sealed class AreaLearningTests(LearningClusterFixture fixture) : IClassFixture<LearningClusterFixture>
{
    private static readonly CallerIdentity Control = CallerIdentity.Dispatcher("control");

    [PostgresFact]
    public async Task An_area_learns_from_its_fixes_keeps_it_in_its_schema_across_a_move_and_a_dispatcher_resets_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var router = fixture.Router;
        var clock = fixture.Clock;
        var now = clock.GetUtcNow();
        var registered = await router.RegisterVehicleAsync(Control, new VehicleRegistration("grid.bus", new LoadVector(8, 1),
            new GeoPoint(50.0, 11.5), now.AddHours(-1), now.AddHours(8))).WaitAsync(timeout.Token);
        Assert.True(registered.IsSuccess, registered.Error?.Message);
        Assert.True((await router.StartShiftAsync(Control, "grid.bus").WaitAsync(timeout.Token)).IsSuccess);
        // Drive east along the tertiary road at 40 km/h (the profile says 50): a fix every 18 s = one block.
        var driver = CallerIdentity.Driver("grid.bus");
        for (int k = 1; k <= 6; k++)
        {
            clock.Advance(TimeSpan.FromSeconds(18));
            var fix = new PositionReport("grid.bus", new GeoPoint(50.0, 11.5 + k * GridWorld.LonStep), clock.GetUtcNow(), 90, 11);
            var sent = await router.ReportPositionsAsync(driver, [fix]).WaitAsync(timeout.Token);
            Assert.True(sent.Accepted == 1, sent.Stop?.Message ?? "fix refused as implausible");
        }
        var grain = router.Area("grid");
        var first = await grain.DescribeAsync().WaitAsync(timeout.Token);
        Assert.Equal(0, first.LearnedCells);

        // The hosting silo stops: the area keeps what it learned and re-activates on the other silo with it.
        var host = fixture.Cluster.Silos.Single(s => s.SiloAddress.ToString() == first.Silo);
        await fixture.Cluster.StopSiloAsync(host).WaitAsync(timeout.Token);
        var kept = new LearnedTravelTimes(LearningClusterFixture.Grid.Graph);
        var load = fixture.StoreOf("grid").Load(kept);
        Assert.Equal(LearnedTimesStatus.Loaded, load.Status);
        Assert.True(kept.CellCount > 0, "nothing learned from six fixes on a slow road");
        // Slower than the profile where it drove: the block between the first two fixes (grid nodes 1 → 2) is above 1.
        int edge = Enumerable.Range(0, kept.Profile.EdgeCount).First(e => kept.Profile.EdgeSource(e) == 1 && kept.Profile.EdgeTarget[e] == 2);
        int hour = TimeZoneInfo.ConvertTime(now.AddSeconds(27), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).Hour;
        Assert.True(kept.Factor(edge, hour) > 1.0, $"factor {kept.Factor(edge, hour)}");
        var moved = await RetryAsync(() => grain.DescribeAsync(), timeout.Token);
        Assert.NotEqual(first.Silo, moved.Silo);
        Assert.Equal(kept.CellCount, moved.LearnedCells);

        // The reset reaches the moved area's engine and is kept: the schema holds no evidence afterwards.
        Assert.Equal(DispatchErrorCode.PermissionDenied, (await router.ResetLearnedTravelTimesAsync(CallerIdentity.Rider("r")).WaitAsync(timeout.Token)).Error!.Code);
        var reset = await router.ResetLearnedTravelTimesAsync(Control).WaitAsync(timeout.Token);
        Assert.True(reset.IsSuccess, reset.Error?.Message);
        var after = new LearnedTravelTimes(LearningClusterFixture.Grid.Graph);
        Assert.Equal(LearnedTimesStatus.Loaded, fixture.StoreOf("grid").Load(after).Status);
        Assert.Equal(0, after.CellCount);
    }

    [PostgresFact]
    public void Damaged_evidence_in_the_schema_is_rejected_whole_naming_the_table()
    {
        var store = fixture.StoreOf("damaged");
        var learned = new LearnedTravelTimes(LearningClusterFixture.Grid.Graph);
        learned.Add(0, 9, 30, 20, 1);
        store.Save(learned);
        using (var connection = new Npgsql.NpgsqlConnection(PostgresFactAttribute.RequireConnectionString()))
        {
            connection.Open();
            using var damage = new Npgsql.NpgsqlCommand($"UPDATE {fixture.SchemaPrefix}damaged.learned_travel_times SET body = overlay(body placing '\\x00'::bytea from 60 for 1)", connection);
            Assert.Equal(1, damage.ExecuteNonQuery());
        }
        var target = new LearnedTravelTimes(LearningClusterFixture.Grid.Graph);
        var load = store.Load(target);
        Assert.Equal(LearnedTimesStatus.Rejected, load.Status);
        Assert.Contains("learned_travel_times", load.Message, StringComparison.Ordinal);
        Assert.Equal(0, target.CellCount);
        using var cleanup = new Npgsql.NpgsqlConnection(PostgresFactAttribute.RequireConnectionString());
        cleanup.Open();
        using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA {fixture.SchemaPrefix}damaged CASCADE", cleanup);
        drop.ExecuteNonQuery();
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try { return await call().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken); }
            catch (Exception ex) when (ex is TimeoutException or OrleansException) { await Task.Delay(200, cancellationToken); }
        }
    }
}
