using DemandMobility.Server.Dashboard;
using FsCheck;
using FsCheck.Fluent;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>The per-vehicle ring buffer of recent positions behind the map's trails.</summary>
public sealed class VehicleTrailsTests
{
    private static readonly DateTimeOffset T0 = new(2030, 6, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_repeated_or_older_fix_adds_nothing_the_newest_point_follows_the_vehicle_and_old_points_fall_out()
    {
        var trails = new VehicleTrails();
        trails.Record("bus-1", 50.0, 11.5, T0);
        trails.Record("bus-1", 50.0, 11.5, T0);
        trails.Record("bus-1", 50.1, 11.6, T0.AddSeconds(-5));
        trails.Record("bus-1", 50.001, 11.501, T0.AddSeconds(10));
        // Within the spacing of the point before: the newest point moves instead of a third being added.
        trails.Record("bus-1", 50.002, 11.502, T0.AddSeconds(15));

        Assert.Equal([[50.0, 11.5], [50.002, 11.502]], trails.Of("bus-1", T0.AddSeconds(15)));
        Assert.Equal([[50.002, 11.502]], trails.Of("bus-1", T0 + VehicleTrails.Window + TimeSpan.FromSeconds(10)));
        Assert.Empty(trails.Of("bus-2", T0));
    }

    [Fact]
    public void The_trail_is_the_newest_points_inside_the_window_oldest_first()
    {
        // Reference: every kept point in a plain list (same spacing rule), filtered the slow way.
        var steps = Gen.ListOf(Gen.Choose(0, 40)).Where(l => l.Count <= 200);
        var property = Prop.ForAll(steps.ToArbitrary(), gaps =>
        {
            var trails = new VehicleTrails();
            var all = new List<(double Lat, DateTimeOffset At)>();
            var at = T0;
            for (int i = 0; i < gaps.Count; i++)
            {
                at = at.AddSeconds(gaps[i]);
                trails.Record("v", i, 0, at);
                if (all.Count > 0 && at <= all[^1].At) continue;
                if (all.Count >= 2 && at - all[^2].At < VehicleTrails.Spacing) all[^1] = (i, at);
                else all.Add((i, at));
            }
            var expected = all.TakeLast(VehicleTrails.Capacity).Where(p => p.At >= at - VehicleTrails.Window).Select(p => p.Lat).ToList();
            var actual = trails.Of("v", at).Select(p => p[0]).ToList();
            return expected.SequenceEqual(actual);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }
}
