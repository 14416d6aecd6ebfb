using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Validation;
using Xunit;

namespace DemandMobility.Optimization.Tests.Insertion;

public class InsertionContextTests
{
    // Depot 0; r0 10 → 20, r1 20 → 30, r2 5 → 15; two vehicles of 4 seats.
    private static Problem Three()
    {
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(4));
        lp.AddVehicle(new LoadVector(4));
        lp.AddRequest(10, 20, LineProblem.Any, LineProblem.Any);
        lp.AddRequest(20, 30, LineProblem.Any, LineProblem.Any);
        lp.AddRequest(5, 15, LineProblem.Any, LineProblem.Any);
        return lp.Build();
    }

    [Fact]
    public void Applied_option_changes_the_next_answer_and_the_current_plan()
    {
        var p = Three();
        var ctx = new InsertionContext(p, LineProblem.EmptyPlan);
        var first = ctx.FindInsertions(0);
        Assert.Equal(40, first[0].CostDelta, 9); // 0→10→20→0
        ctx.Apply(first[0]);
        // r1 now continues the route of r0: 0→10→20→30→0 = 60, delta 20.
        var second = ctx.FindInsertions(1);
        Assert.Equal(20, second[0].CostDelta, 9);
        Assert.Equal(first[0].Vehicle, second[0].Vehicle);
        var plan = ctx.CurrentPlan();
        Assert.Single(plan.Routes);
        Assert.Equal(new[] { 1, 2 }, plan.Unserved.ToArray());
        Assert.True(SolutionValidator.Validate(p, plan).IsValid);
        Assert.Equal(40 + 2 * p.Weights.Unserved, plan.Cost, 9);
    }

    [Fact]
    public void A_planned_request_is_rejected_as_a_query()
    {
        var ctx = new InsertionContext(Three(), LineProblem.EmptyPlan);
        ctx.Apply(ctx.FindInsertions(0)[0]);
        Assert.Throws<ArgumentException>(() => ctx.FindInsertions(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ctx.FindInsertions(3));
    }

    [Fact]
    public void Update_that_puts_a_request_on_a_second_vehicle_is_rejected_and_changes_nothing()
    {
        var p = Three();
        var ctx = new InsertionContext(p, LineProblem.Plan((0, new[] { (0, StopKind.Pickup), (0, StopKind.Delivery) })));
        var conflicting = LineProblem.Plan((1, new[] { (0, StopKind.Pickup), (0, StopKind.Delivery) })).Routes[0];
        var e = Assert.Throws<ArgumentException>(() => ctx.UpdateRoute(conflicting));
        Assert.Contains("vehicle 0", e.Message);
        var unknown = LineProblem.Plan((1, new[] { (7, StopKind.Pickup), (7, StopKind.Delivery) })).Routes[0];
        Assert.Throws<ArgumentException>(() => ctx.UpdateRoute(unknown));
        Assert.Throws<ArgumentException>(() => ctx.UpdateRoute(unknown with { Vehicle = 5 }));
        var plan = ctx.CurrentPlan();
        Assert.Equal(0, Assert.Single(plan.Routes).Vehicle);
    }

    [Fact]
    public void Emptying_a_route_frees_its_requests()
    {
        var p = Three();
        var ctx = new InsertionContext(p, LineProblem.Plan((0, new[] { (0, StopKind.Pickup), (0, StopKind.Delivery) })));
        ctx.UpdateRoute(LineProblem.Plan((0, Array.Empty<(int, StopKind)>())).Routes[0]);
        Assert.Empty(ctx.CurrentPlan().Routes);
        Assert.NotEmpty(ctx.FindInsertions(0));
    }

    [Fact]
    public void A_probe_follows_its_group_and_cannot_be_committed()
    {
        var p = Three() with { };
        p = p with { Vehicles = p.Vehicles.SetItem(1, p.Vehicles[1] with { Group = "school" }) };
        var ctx = new InsertionContext(p, LineProblem.EmptyPlan);
        var probe = p.Requests[0] with { Id = "new", Group = "school" };
        var options = ctx.FindInsertions(probe);
        Assert.All(options, o => Assert.Equal(1, o.Vehicle));
        Assert.All(options[0].Route.Stops, s => Assert.Equal(p.Requests.Length, s.Request));
        Assert.Throws<ArgumentException>(() => ctx.Apply(options[0]));
        Assert.Empty(ctx.FindInsertions(probe with { Group = "other school" }));
        Assert.Throws<ArgumentException>(() => ctx.FindInsertions(probe with { PickupLocation = 99 }));
    }
}
