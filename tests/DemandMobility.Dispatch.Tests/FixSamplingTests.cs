using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// The down-sampled GPS track: a fix every 5 s moves the vehicle in memory, but only one a
/// <see cref="DispatchOptions.FixStoreInterval"/> reaches the log, carrying the metres of the fixes before it.
/// </summary>
public sealed class FixSamplingTests
{
    /// <summary>Fixes every 5 s for <paramref name="seconds"/>, driving south 50 m per fix along a meridian (distances add up).</summary>
    private static async Task<GeoPoint> DriveAsync(Harness h, int seconds, int startStep = 1)
    {
        GeoPoint last = default;
        for (int t = 5, i = startStep; t <= seconds; t += 5, i++)
        {
            h.Clock.Advance(TimeSpan.FromSeconds(5));
            last = P(-0.05 * i, 0);
            var r = await h.Engine.ReportPositionAsync(Control, "bus", last);
            Assert.True(r.IsSuccess, r.Error?.Message);
        }
        return last;
    }

    private static int StoredFixes(Harness h) => h.Store.Snapshot().Count(e => e.Type == EventTypes.PositionReported);

    private static async Task<double> VehicleKmAsync(Harness h) => (await h.Engine.GetKpisAsync(Control)).Value!.VehicleKm;

    [Fact(Timeout = 20_000)]
    public async Task Fixes_every_5_s_store_one_a_minute_and_the_vehicle_shows_the_latest()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus");
        var latest = await DriveAsync(h, 180);

        // 36 fixes at 5 s … 180 s: stored at 5 s, 65 s and 125 s.
        Assert.Equal(3, StoredFixes(h));
        var fleet = (await h.Engine.GetFleetAsync(Control)).Value!;
        Assert.Equal(latest, Assert.Single(fleet.Vehicles).Position);
    }

    [Fact(Timeout = 20_000)]
    public async Task Driven_metres_of_unstored_fixes_reach_the_log_with_the_next_stored_fix()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus");
        await DriveAsync(h, 180);
        double liveKm = await VehicleKmAsync(h);
        // Held back: the 11 fixes after the one stored at 125 s (550 m) are not counted yet, live or after a restart.
        Assert.Equal(GeoMath.HaversineMetres(P(0, 0), P(-0.05 * 25, 0)) / 1000, liveKm, 3);
        await h.ReopenAsync();
        Assert.Equal(liveKm, await VehicleKmAsync(h), 6);

        // After the restart the next fix is stored and carries the whole way from the last stored one.
        var end = await DriveAsync(h, 5, startStep: 37);
        Assert.Equal(4, StoredFixes(h));
        Assert.Equal(GeoMath.HaversineMetres(P(0, 0), end) / 1000, await VehicleKmAsync(h), 3);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_restart_puts_the_vehicle_at_its_last_stored_fix_and_the_order_check_holds_from_there()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus");
        await DriveAsync(h, 180);
        await h.ReopenAsync();

        var fleet = (await h.Engine.GetFleetAsync(Control)).Value!;
        Assert.Equal(P(-0.05 * 25, 0), Assert.Single(fleet.Vehicles).Position);
        var old = await h.Engine.ReportPositionAsync(Control, "bus", P(-1, 0), Start.AddSeconds(100));
        Assert.Equal("recordedAt", old.Error?.Field);
    }

    [Fact(Timeout = 20_000)]
    public async Task A_zero_interval_stores_every_fix()
    {
        var h = await CreateAsync(new DispatchOptions { FixStoreInterval = TimeSpan.Zero });
        await h.AddVehicleAsync("bus");
        await DriveAsync(h, 60);
        Assert.Equal(12, StoredFixes(h));
    }

    [Fact]
    public void The_interval_is_validated()
    {
        Assert.Contains(new DispatchOptions { FixStoreInterval = TimeSpan.FromSeconds(-1) }.Validate(), e => e.Contains("FixStoreInterval"));
        Assert.Contains(new DispatchOptions { FixStoreInterval = TimeSpan.FromHours(2) }.Validate(), e => e.Contains("FixStoreInterval"));
    }
}
