using DemandMobility.Server.Dashboard;
using FsCheck;
using FsCheck.Fluent;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>Douglas–Peucker simplification of the map's road shapes.</summary>
public sealed class LineSimplifierTests
{
    private const double Tolerance = 8;

    [Fact]
    public void A_straight_line_keeps_only_its_ends_and_a_corner_is_kept()
    {
        Assert.Equal([true, false, false, true], LineSimplifier.Keep([0, 10, 20, 30], [0, 0.5, -0.5, 0], Tolerance));
        Assert.Equal([true, true, true], LineSimplifier.Keep([0, 50, 100], [0, 40, 0], Tolerance));
        Assert.Equal([true, true], LineSimplifier.Keep([0, 1], [0, 1], Tolerance));
        Assert.Empty(LineSimplifier.Keep([], [], Tolerance));
    }

    [Fact]
    public void Every_dropped_point_lies_within_the_tolerance_of_the_kept_line()
    {
        // Reference: brute-force distance from each dropped point to the kept polyline's segment that spans it.
        var line = Gen.ListOf(Gen.Choose(-200, 200).Two()).Where(l => l.Count >= 2 && l.Count <= 60);
        var property = Prop.ForAll(line.ToArbitrary(), points =>
        {
            var x = points.Select(p => (double)p.Item1).ToArray();
            var y = points.Select(p => (double)p.Item2).ToArray();
            var keep = LineSimplifier.Keep(x, y, Tolerance);
            if (!keep[0] || !keep[^1]) return false;
            int previous = 0;
            for (int i = 1; i < x.Length; i++)
            {
                if (!keep[i]) continue;
                for (int j = previous + 1; j < i; j++)
                    if (Distance(x[j], y[j], x[previous], y[previous], x[i], y[i]) > Tolerance + 1e-9) return false;
                previous = i;
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    private static double Distance(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
        return Math.Sqrt(Math.Pow(ax + t * dx - px, 2) + Math.Pow(ay + t * dy - py, 2));
    }
}
