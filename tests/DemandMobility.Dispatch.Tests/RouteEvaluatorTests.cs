using System.Collections.Immutable;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Optimization.Model;
using Xunit;

namespace DemandMobility.Dispatch.Tests;

/// <summary>Hand-computed schedules on a line: depot at x=0, stops at x=10, 20, 30 (time = distance).</summary>
public sealed class RouteEvaluatorTests
{
    private static Problem Line(TimeWindow pickupA, double maxRideA = double.PositiveInfinity, int seats = 1, double shiftEnd = 1000, double bFrom = 0) =>
        new([new Vehicle("v", 0, 0, new TimeWindow(0, shiftEnd), new LoadVector(seats))],
            [
                new Request("a", RequestKind.Passenger, 1, 3, pickupA, TimeWindow.Unbounded, 1, 1, new LoadVector(1), maxRideA),
                new Request("b", RequestKind.Passenger, 2, 3, new TimeWindow(bFrom, 100), TimeWindow.Unbounded, 1, 1, new LoadVector(1)),
            ],
            DenseTravelMatrix.Euclidean([(0, 0), (10, 0), (20, 0), (30, 0)]), ObjectiveWeights.DistanceOnly);

    private static readonly StopRef[] Pooled =
        [new(0, StopKind.Pickup), new(1, StopKind.Pickup), new(0, StopKind.Delivery), new(1, StopKind.Delivery)];

    [Fact]
    public void Earliest_schedule_waits_for_windows_and_adds_service_times()
    {
        var p = Line(new TimeWindow(15, 40), seats: 2);
        var s = new ScheduledStop[4];
        var v = RouteEvaluator.Evaluate(p, 0, null, Pooled, s, out double distance, out double end);
        Assert.Equal(RouteViolation.None, v);
        Assert.Equal(new ScheduledStop(0, StopKind.Pickup, 10, 15, 16), s[0]);
        Assert.Equal(new ScheduledStop(1, StopKind.Pickup, 26, 26, 27), s[1]);
        Assert.Equal(new ScheduledStop(0, StopKind.Delivery, 37, 37, 38), s[2]);
        Assert.Equal(new ScheduledStop(1, StopKind.Delivery, 38, 38, 39), s[3]);
        Assert.Equal(60, distance);
        Assert.Equal(69, end);
        Assert.Equal(RouteViolation.None, RouteEvaluator.Check(p, 0, null, s, out _, out _));
    }

    [Fact]
    public void Each_rule_is_reported()
    {
        var s = new ScheduledStop[4];
        Assert.Equal(RouteViolation.Capacity, RouteEvaluator.Evaluate(Line(new(0, 100), seats: 1), 0, null, Pooled, s, out _, out _));
        Assert.Equal(RouteViolation.LateAtStop, RouteEvaluator.Evaluate(Line(new(0, 5), seats: 2), 0, null, Pooled, s, out _, out _));
        // a departs at 11 and is dropped at 37: 26 > 20.
        Assert.Equal(RouteViolation.RideTime, RouteEvaluator.Evaluate(Line(new(0, 100), maxRideA: 20, seats: 2), 0, null, Pooled, s, out _, out _));
        Assert.Equal(RouteViolation.ShiftEnd, RouteEvaluator.Evaluate(Line(new(0, 100), seats: 2, shiftEnd: 60), 0, null, Pooled, s, out _, out _));
        StopRef[] backwards = [new(0, StopKind.Delivery), new(0, StopKind.Pickup)];
        Assert.Equal(RouteViolation.Precedence, RouteEvaluator.Evaluate(Line(new(0, 100)), 0, null, backwards, new ScheduledStop[2], out _, out _));
    }

    [Fact]
    public void Check_accepts_a_delayed_departure_but_not_teleporting()
    {
        // b's window opens at 30: leaving a's pickup at once (11) makes a ride 11 → 41 = 30 > 22.
        var p = Line(new TimeWindow(0, 100), maxRideA: 22, seats: 2, bFrom: 30);
        Assert.Equal(RouteViolation.RideTime, RouteEvaluator.Evaluate(p, 0, null, Pooled, new ScheduledStop[4], out _, out _));
        // Starting a's pickup at 19 instead: ride 20 → 41 = 21 fits (Cordeau & Laporte's delayed departure).
        ScheduledStop[] delayed =
        [
            new(0, StopKind.Pickup, 10, 19, 20), new(1, StopKind.Pickup, 30, 30, 31),
            new(0, StopKind.Delivery, 41, 41, 42), new(1, StopKind.Delivery, 42, 42, 43),
        ];
        Assert.Equal(RouteViolation.None, RouteEvaluator.Check(p, 0, null, delayed, out double distance, out double end));
        Assert.Equal(60, distance);
        Assert.Equal(73, end);
        delayed[1] = new(1, StopKind.Pickup, 29, 30, 31); // cannot be at x=20 before 20 + 10
        Assert.Equal(RouteViolation.LateAtStop, RouteEvaluator.Check(p, 0, null, delayed, out _, out _));
    }

    [Fact]
    public void Riders_on_board_count_from_their_pickup()
    {
        var p = Line(new TimeWindow(0, 100), maxRideA: 20, seats: 1);
        var state = new VehicleState(0, [new OnBoardRequest(0, 0)], ImmutableArray<StopRef>.Empty);
        var s = new ScheduledStop[1];
        // On board since t=0, dropped at x=30 at t=30 > 20.
        Assert.Equal(RouteViolation.RideTime, RouteEvaluator.Evaluate(p, 0, state, [new StopRef(0, StopKind.Delivery)], s, out _, out _));
        var p2 = Line(new TimeWindow(0, 100), maxRideA: 40, seats: 1);
        Assert.Equal(RouteViolation.None, RouteEvaluator.Evaluate(p2, 0, state, [new StopRef(0, StopKind.Delivery)], s, out _, out _));
        Assert.Equal(30, s[0].ServiceStart);
    }
}
