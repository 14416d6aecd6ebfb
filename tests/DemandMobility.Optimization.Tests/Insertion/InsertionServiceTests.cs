using System.Collections.Immutable;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Validation;
using Xunit;

namespace DemandMobility.Optimization.Tests.Insertion;

public class InsertionServiceTests
{
    private static Solution WithRoute(Problem p, InsertionOption option, Solution plan)
    {
        var routes = plan.Routes.Where(r => r.Vehicle != option.Vehicle).Append(option.Route).ToImmutableArray();
        var served = routes.SelectMany(r => r.Stops).Where(s => s.Kind == StopKind.Delivery).Select(s => s.Request).ToHashSet();
        var unserved = Enumerable.Range(0, p.Requests.Length).Where(r => !served.Contains(r)).ToImmutableArray();
        double cost = routes.Sum(r => LineProblem.RouteDistance(p, r)) + p.Weights.Unserved * unserved.Length;
        return new Solution(routes, unserved, cost);
    }

    [Fact]
    public void Ride_time_is_met_by_delaying_the_pickup_instead_of_waiting_on_board()
    {
        // Pickup at x=10 (open window), delivery at x=20 not before 50; max ride 15.
        // Earliest schedule: picked up at 10, waits on board until 50 → ride 40. Delaying the pickup to 35 gives ride 15.
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(4));
        int r = lp.AddRequest(10, 20, new TimeWindow(0, 100), new TimeWindow(50, 60), maxRide: 15);
        var p = lp.Build();

        var options = InsertionService.FindInsertions(p, LineProblem.EmptyPlan, r);

        var o = Assert.Single(options);
        Assert.Equal(40, o.CostDelta, 9);
        Assert.Equal(50, o.DeliveryTime, 9);
        Assert.InRange(o.DeliveryTime - o.PickupTime, 0, 15 + 1e-9);
        Assert.True(SolutionValidator.Validate(p, WithRoute(p, o, LineProblem.EmptyPlan)).IsValid);
    }

    [Fact]
    public void Ride_time_shorter_than_the_direct_trip_has_no_insertion()
    {
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(4));
        int r = lp.AddRequest(10, 20, LineProblem.Any, LineProblem.Any, maxRide: 9);
        Assert.Empty(InsertionService.FindInsertions(lp.Build(), LineProblem.EmptyPlan, r));
    }

    [Fact]
    public void Wheelchair_capacity_forbids_nesting_two_wheelchair_users()
    {
        // Route 0→10→30→0 (length 60) carries a wheelchair user. Nesting B (15→25) inside is free in distance
        // but needs two wheelchair places; the best legal option appends B: 0→10→30→15→25→0 = 80, delta 20.
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(4, Wheelchairs: 1));
        int a = lp.AddRequest(10, 30, LineProblem.Any, LineProblem.Any, new LoadVector(0, 1));
        int b = lp.AddRequest(15, 25, LineProblem.Any, LineProblem.Any, new LoadVector(0, 1));
        int c = lp.AddRequest(15, 25, LineProblem.Any, LineProblem.Any, new LoadVector(1));
        var p = lp.Build();
        var plan = LineProblem.Plan((0, new[] { (a, StopKind.Pickup), (a, StopKind.Delivery) }));

        var wheel = InsertionService.FindInsertions(p, plan, b, 100);
        Assert.All(wheel, o => Assert.False(o.PickupPosition >= 1 && o.PickupPosition < 2 && o.DeliveryPosition < 2 && o.DeliveryPosition >= 1));
        Assert.Equal(20, wheel[0].CostDelta, 9);
        Assert.Equal((2, 2), (wheel[0].PickupPosition, wheel[0].DeliveryPosition));

        var seat = InsertionService.FindInsertions(p, plan, c, 100);
        Assert.Equal(0, seat[0].CostDelta, 9);
        Assert.Equal((1, 1), (seat[0].PickupPosition, seat[0].DeliveryPosition));
    }

    [Fact]
    public void Locked_first_stop_stays_first()
    {
        // The vehicle is driving to A's pickup at x=10 (locked). B (5→8) would best go first, but may not.
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(4));
        int a = lp.AddRequest(10, 30, LineProblem.Any, LineProblem.Any);
        int b = lp.AddRequest(5, 8, LineProblem.Any, LineProblem.Any);
        lp.AddState(new VehicleState(0, ImmutableArray<OnBoardRequest>.Empty, ImmutableArray.Create(new StopRef(a, StopKind.Pickup))));
        var p = lp.Build();
        var plan = LineProblem.Plan((0, new[] { (a, StopKind.Pickup), (a, StopKind.Delivery) }));

        var options = InsertionService.FindInsertions(p, plan, b, 100);

        Assert.NotEmpty(options);
        Assert.All(options, o => Assert.True(o.PickupPosition >= 1));
        Assert.All(options, o => Assert.Equal(new ScheduledStop(a, StopKind.Pickup, 0, 0, 0) with { Arrival = o.Route.Stops[0].Arrival, ServiceStart = o.Route.Stops[0].ServiceStart, Departure = o.Route.Stops[0].Departure }, o.Route.Stops[0]));
        foreach (var o in options)
            Assert.True(SolutionValidator.Validate(p, WithRoute(p, o, plan)).IsValid);
    }

    [Fact]
    public void On_board_request_is_only_dropped_and_its_ride_limit_counts_from_its_pickup()
    {
        // Vehicle at x=10 at t=0 with A on board since t=0 (max ride 25), A drops at x=30 (t=20 directly).
        // B (35→40) before A's drop would reach x=30 at t=30: ride 30 > 25, so B must follow A's drop.
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(1), startX: 10);
        int a = lp.AddRequest(0, 30, LineProblem.Any, LineProblem.Any, maxRide: 25);
        int b = lp.AddRequest(35, 40, LineProblem.Any, LineProblem.Any);
        lp.AddState(new VehicleState(0, ImmutableArray.Create(new OnBoardRequest(a, 0)), ImmutableArray<StopRef>.Empty));
        var p = lp.Build();

        var options = InsertionService.FindInsertions(p, LineProblem.EmptyPlan, b, 100);

        var o = Assert.Single(options); // capacity 1: B cannot ride with A either
        Assert.Equal((1, 1), (o.PickupPosition, o.DeliveryPosition));
        Assert.Equal(new[] { (a, StopKind.Delivery), (b, StopKind.Pickup), (b, StopKind.Delivery) },
            o.Route.Stops.Select(s => (s.Request, s.Kind)).ToArray());
        Assert.Equal(20, o.Route.Stops[0].ServiceStart, 9);
        Assert.True(SolutionValidator.Validate(p, WithRoute(p, o, LineProblem.EmptyPlan)).IsValid);
    }

    [Fact]
    public void Break_is_taken_with_nobody_on_board()
    {
        // Break of 30 starting in [50, 60]. A: pickup x=10 by 45 at the latest. If A's drop (x=20) must start at
        // or after 70, the break can go neither before the pickup (≥ 80 > 45) nor after the drop (≥ 70 > 60),
        // and not in between: no insertion. With an open drop window the break follows the drop.
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(4), brk: new BreakRule(50, 60, 30));
        int late = lp.AddRequest(10, 20, new TimeWindow(40, 45), new TimeWindow(70, 1000));
        int open = lp.AddRequest(10, 20, new TimeWindow(40, 45), LineProblem.Any);
        var p = lp.Build();

        Assert.Empty(InsertionService.FindInsertions(p, LineProblem.EmptyPlan, late));

        var options = InsertionService.FindInsertions(p, LineProblem.EmptyPlan, open);
        Assert.NotEmpty(options);
        var stops = options[0].Route.Stops;
        int brk = stops.IndexOf(stops.First(s => s.Kind == StopKind.Break));
        Assert.Equal(2, brk);
        Assert.InRange(stops[brk].ServiceStart, 50, 60);
        Assert.True(SolutionValidator.Validate(p, WithRoute(p, options[0], LineProblem.EmptyPlan)).IsValid);
    }

    [Fact]
    public void Pinned_request_is_offered_only_on_its_vehicle()
    {
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(4));
        lp.AddVehicle(new LoadVector(4));
        int r = lp.AddRequest(10, 20, LineProblem.Any, LineProblem.Any, pinned: 1);
        var options = InsertionService.FindInsertions(lp.Build(), LineProblem.EmptyPlan, r);
        Assert.NotEmpty(options);
        Assert.All(options, o => Assert.Equal(1, o.Vehicle));
    }

    [Fact]
    public void Options_are_ranked_by_cost_and_the_cost_is_the_distance_increase()
    {
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(2));
        lp.AddVehicle(new LoadVector(2), startX: 0);
        int a = lp.AddRequest(10, 30, LineProblem.Any, LineProblem.Any);
        int b = lp.AddRequest(-5, -20, LineProblem.Any, LineProblem.Any);
        int c = lp.AddRequest(12, -8, LineProblem.Any, LineProblem.Any);
        var p = lp.Build();
        var plan = LineProblem.Plan((0, new[] { (a, StopKind.Pickup), (a, StopKind.Delivery) }), (1, new[] { (b, StopKind.Pickup), (b, StopKind.Delivery) }));

        var options = InsertionService.FindInsertions(p, plan, c, 100);

        Assert.True(options.Count > 3);
        for (int k = 1; k < options.Count; k++) Assert.True(options[k - 1].CostDelta <= options[k].CostDelta + 1e-9);
        foreach (var o in options)
        {
            var before = plan.Routes.Single(r => r.Vehicle == o.Vehicle);
            Assert.Equal(LineProblem.RouteDistance(p, o.Route) - LineProblem.RouteDistance(p, before), o.CostDelta, 6);
        }
    }

    [Fact]
    public void Already_planned_request_is_rejected_with_a_clear_error()
    {
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(2));
        int a = lp.AddRequest(10, 30, LineProblem.Any, LineProblem.Any);
        var plan = LineProblem.Plan((0, new[] { (a, StopKind.Pickup), (a, StopKind.Delivery) }));
        var ex = Assert.Throws<ArgumentException>(() => InsertionService.FindInsertions(lp.Build(), plan, a));
        Assert.Contains("already", ex.Message);
    }
}
