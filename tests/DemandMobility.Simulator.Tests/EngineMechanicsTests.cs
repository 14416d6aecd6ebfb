using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Engine;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Simulator.Tests;

public sealed class EngineMechanicsTests
{
    [Fact]
    public void The_event_queue_orders_by_time_then_by_scheduling_order()
    {
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 20)).ToArbitrary(), times =>
        {
            var q = new EventQueue();
            for (int i = 0; i < times.Length; i++) q.Add(new SimEvent(times[i], SimEventKind.FleetSample, i));
            var expected = times.Select((t, i) => (t, i)).OrderBy(p => p.t).ThenBy(p => p.i).Select(p => p.i).ToArray();
            var taken = new List<int>();
            while (q.TryTake(out var e)) taken.Add(e.Index);
            Assert.Equal(expected, taken);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void The_simulated_clock_moves_only_forward()
    {
        var start = new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);
        var clock = new SimulatedClock(start);
        Assert.Equal(start, clock.GetUtcNow());
        clock.Set(start.AddMinutes(5));
        Assert.Equal(start.AddMinutes(5), clock.GetUtcNow());
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Set(start));
        Assert.Equal(start.AddMinutes(5), clock.GetUtcNow());
    }

    [Fact]
    public void A_leg_interpolates_along_its_geometry_in_proportion_to_distance()
    {
        GeoPoint a = new(50.0, 11.5), b = new(50.0, 11.51), c = new(50.0, 11.53);
        long start = TimeSpan.FromHours(1).Ticks;
        var leg = new RoadLeg([a, b, c], 300, 2100, start);
        Assert.Equal(a, leg.PositionAt(start - 1));
        Assert.Equal(c, leg.PositionAt(leg.EndTicks + 1));
        var third = leg.PositionAt(start + TimeSpan.FromSeconds(100).Ticks);
        Assert.Equal(50.0, third.Latitude, 9);
        Assert.Equal(11.51, third.Longitude, 3);
        var middle = leg.PositionAt(start + TimeSpan.FromSeconds(150).Ticks);
        Assert.InRange(middle.Longitude, 11.514, 11.516);
        Assert.Equal(0.5, leg.Progress(start + TimeSpan.FromSeconds(150).Ticks), 9);
    }
}
