using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Balancing;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Cluster.Tests.TestRegion;

namespace DemandMobility.Cluster.Tests;

/// <summary>Two silos, six areas, balancing by load every second with a short smoothing constant and cooldown.</summary>
public sealed class LoadBalancingClusterFixture : AreaClusterFixture
{
    protected override short InitialSilos => 2;

    public override IReadOnlyList<ServiceAreaDefinition> ServiceAreas => RebalancingClusterFixture.SixAreas;

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.AddAreaRebalancing(new AreaRebalancingOptions
        {
            Interval = TimeSpan.FromSeconds(1), MaxMovesPerRound = 2, Tolerance = 0.25, Cooldown = TimeSpan.FromSeconds(3),
            AreaBaseLoad = 100, LoadSmoothing = TimeSpan.FromSeconds(20),
        });
}

/// <summary>
/// One area becomes busy (quotes from several riders at once, each searching three buses' routes) while five stay idle:
/// the balancing round sees the measured CPU and moves the light areas off the busy area's silo, so the busy area ends alone on one silo.
/// </summary>
public sealed class LoadBalancingTests(LoadBalancingClusterFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<LoadBalancingClusterFixture>
{
    [PostgresFact]
    public async Task A_busy_area_ends_on_a_silo_without_the_light_areas()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var router = fixture.Router;
        const string heavy = "area0";

        // Idle, the areas spread three and three (equal base loads), so the busy area starts beside two others.
        while (true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            var idle = await LoadsAsync(timeout.Token);
            if (idle.Count == fixture.ServiceAreas.Count && idle.Values.GroupBy(s => s.Silo).Count() == 2
                && idle.Values.GroupBy(s => s.Silo).All(g => g.Count() == 3))
                break;
            await Task.Delay(250, timeout.Token);
        }

        // Three buses in the busy area: every quote searches their routes (the CPU the balancing weighs) and answers an
        // offer nobody confirms.
        var now = DateTimeOffset.UtcNow;
        foreach (var (bus, depot) in new[] { ("bus-1", P(2, 2)), ("bus-2", P(5, 5)), ("bus-3", P(8, 8)) })
        {
            var id = $"{heavy}.{bus}";
            Assert.True((await router.RegisterVehicleAsync(Control, new VehicleRegistration(id, new LoadVector(8, 1, 0, 2), depot,
                now.AddHours(-1), now.AddHours(12))).WaitAsync(timeout.Token)).IsSuccess);
            Assert.True((await router.StartShiftAsync(Control, id).WaitAsync(timeout.Token)).IsSuccess);
        }

        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
        var load = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            int quotes = 0;
            while (!stopLoad.IsCancellationRequested)
            {
                try
                {
                    await router.RequestQuoteAsync(CallerIdentity.Rider($"busy-{i}"),
                        new QuoteRequest(At(3, 4), At(7, 6), DateTimeOffset.UtcNow.AddMinutes(20), null)).WaitAsync(TimeSpan.FromSeconds(10), stopLoad.Token);
                    quotes++;
                }
                catch (Exception ex) when (ex is TimeoutException or OrleansException)
                {
                    // The area in the middle of a move.
                }
                catch (OperationCanceledException) when (stopLoad.IsCancellationRequested)
                {
                    break;
                }
            }
            return quotes;
        })).ToList();

        Dictionary<string, AreaLoadSeen> seen;
        while (true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            seen = await LoadsAsync(timeout.Token);
            if (seen.Count == fixture.ServiceAreas.Count && seen.Where(s => s.Key != heavy).All(s => s.Value.Silo != seen[heavy].Silo))
                break;
            await Task.Delay(500, timeout.Token);
        }
        await stopLoad.CancelAsync();
        int total = (await Task.WhenAll(load)).Sum();
        foreach (var (area, s) in seen.OrderBy(s => s.Key))
            output.WriteLine($"{area}: {s.BusyMsPerMinute:F0} ms/min CPU on {s.Silo}");
        output.WriteLine($"{total} quotes in the busy area");
        Assert.True(seen[heavy].BusyMsPerMinute > 5 * seen.Where(s => s.Key != heavy).Max(s => s.Value.BusyMsPerMinute),
            "the busy area's measured load must stand out");
        Assert.Equal(2, seen.Values.Select(s => s.Silo).Distinct().Count());
    }

    private static readonly CallerIdentity Control = CallerIdentity.Dispatcher("control");

    private sealed record AreaLoadSeen(string Silo, double BusyMsPerMinute);

    private async Task<Dictionary<string, AreaLoadSeen>> LoadsAsync(CancellationToken cancellationToken)
    {
        var loads = new Dictionary<string, AreaLoadSeen>();
        foreach (var area in fixture.ServiceAreas)
        {
            try
            {
                var load = await fixture.Router.Area(area.Id).ReportLoadAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
                loads[area.Id] = new AreaLoadSeen(load.Silo, load.BusyMsPerMinute);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                // Moving.
            }
        }
        return loads;
    }
}
