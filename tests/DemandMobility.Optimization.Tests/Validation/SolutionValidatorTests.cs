using System.Collections.Immutable;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Validation;
using Xunit;
using static DemandMobility.Optimization.Tests.Validation.LineProblem;

namespace DemandMobility.Optimization.Tests.Validation;

public class SolutionValidatorTests
{
    private const StopKind P = StopKind.Pickup;
    private const StopKind D = StopKind.Delivery;
    private const StopKind B = StopKind.Break;

    private static Violation Single(ValidationResult result, ConstraintKind kind)
    {
        Assert.Contains(result.Violations, v => v.Constraint == kind);
        return result.Violations.First(v => v.Constraint == kind);
    }

    private static RoutePlan WithStop(RoutePlan route, int index, Func<ScheduledStop, ScheduledStop> change) =>
        route with { Stops = route.Stops.SetItem(index, change(route.Stops[index])) };

    [Fact]
    public void Known_good_solution_is_accepted_with_hand_computed_objective()
    {
        var p = Create();
        var result = SolutionValidator.Validate(p, Good(p));
        Assert.True(result.IsValid, string.Join("\n", result.Violations));
        Assert.Equal(60, result.Objective.Distance, 9);
        Assert.Equal(60, result.Objective.DrivingTime, 9);
        // Ride times: r0 from departure 11 to start 22 = 11; r1 from 22 to 33 = 11.
        Assert.Equal(22, result.Objective.RideTime, 9);
        Assert.Equal(1, result.Objective.UsedVehicles);
        Assert.Equal(0, result.Objective.Unserved);
    }

    [Fact]
    public void Waiting_before_leaving_is_accepted()
    {
        var p = Create();
        var route = Route(p, 0, 0, (0, P), (0, D));
        // Leave the pickup 5 later than possible: arrival 5 later, everything shifted.
        var late = route with
        {
            Stops = [route.Stops[0], route.Stops[1] with { Arrival = 26, ServiceStart = 26, Departure = 27 }],
            EndTime = 47,
        };
        var result = SolutionValidator.Validate(p, Solve(p, late));
        Assert.True(result.IsValid, string.Join("\n", result.Violations));
    }

    [Fact]
    public void Arrival_before_previous_departure_plus_travel_is_rejected()
    {
        var p = Create();
        var route = WithStop(Route(p, 0, 0, (0, P), (0, D)), 1, s => s with { Arrival = 15, ServiceStart = 15, Departure = 16 });
        var v = Single(SolutionValidator.Validate(p, Solve(p, route)), ConstraintKind.Travel);
        Assert.Equal((0, 0, 1, 0), (v.Route, v.Vehicle, v.Stop, v.Request));
        Assert.Contains("21", v.Message); // 11 + 10 expected
    }

    [Fact]
    public void Service_before_arrival_and_wrong_departure_are_rejected()
    {
        var p = Create();
        var early = WithStop(Route(p, 0, 0, (0, P), (0, D)), 0, s => s with { ServiceStart = 9, Departure = 10 });
        Assert.Equal(ConstraintKind.Schedule, Single(SolutionValidator.Validate(p, Solve(p, early)), ConstraintKind.Schedule).Constraint);
        var longService = WithStop(Route(p, 0, 0, (0, P), (0, D)), 0, s => s with { Departure = 11.5 });
        var v = Single(SolutionValidator.Validate(p, Solve(p, longService)), ConstraintKind.Schedule);
        Assert.Equal(0, v.Stop);
    }

    [Fact]
    public void Service_outside_window_is_rejected()
    {
        var p = Create(request: (r, i) => i == 0 ? r with { PickupWindow = new TimeWindow(0, 5) } : r);
        var v = Single(SolutionValidator.Validate(p, Good(p)), ConstraintKind.TimeWindow);
        Assert.Equal((0, 0), (v.Stop, v.Request));
    }

    [Fact]
    public void Capacity_exceeded_is_rejected_per_dimension()
    {
        var p = Create(vehicle: (v, _) => v with { Capacity = new LoadVector(1) });
        var v = Single(SolutionValidator.Validate(p, Good(p)), ConstraintKind.Capacity);
        Assert.Equal(1, v.Stop); // second pickup
        var wheel = Create(request: (r, i) => i == 1 ? r with { Load = new LoadVector(0, Wheelchairs: 1) } : r);
        Assert.Equal(ConstraintKind.Capacity, Single(SolutionValidator.Validate(wheel, Good(wheel)), ConstraintKind.Capacity).Constraint);
    }

    [Fact]
    public void Ride_time_over_maximum_is_rejected()
    {
        var p = Create(request: (r, i) => i == 0 ? r with { MaxRideTime = 10 } : r);
        var v = Single(SolutionValidator.Validate(p, Good(p)), ConstraintKind.RideTime);
        Assert.Equal((2, 0), (v.Stop, v.Request));
    }

    [Fact]
    public void Route_duration_and_shift_are_checked()
    {
        var shortDuration = Create(vehicle: (v, _) => v with { MaxRouteDuration = 50 });
        Single(SolutionValidator.Validate(shortDuration, Good(shortDuration)), ConstraintKind.RouteDuration);
        var shortShift = Create(vehicle: (v, _) => v with { Shift = new TimeWindow(0, 60) });
        Single(SolutionValidator.Validate(shortShift, Good(shortShift)), ConstraintKind.Shift);
        var lateStart = Create(vehicle: (v, _) => v with { Shift = new TimeWindow(5, 1000) });
        Single(SolutionValidator.Validate(lateStart, Good(lateStart)), ConstraintKind.Shift);
    }

    [Fact]
    public void Served_twice_and_precedence_are_rejected()
    {
        var p = Create();
        var twice = Route(p, 0, 0, (0, P), (0, D), (1, P), (1, D), (0, P), (0, D));
        Single(SolutionValidator.Validate(p, Solve(p, twice)), ConstraintKind.ServedTwice);

        var reversed = Route(p, 0, 0, (0, D), (0, P), (1, P), (1, D));
        Single(SolutionValidator.Validate(p, Solve(p, reversed)), ConstraintKind.Precedence);

        var split = Solve(p, Route(p, 0, 0, (0, P), (1, P), (1, D)), Route(p, 1, 0, (0, D)));
        var v = Single(SolutionValidator.Validate(p, split), ConstraintKind.Precedence);
        Assert.Equal(0, v.Request);
    }

    [Fact]
    public void Must_serve_and_unserved_list_are_checked()
    {
        var p = Create();
        var onlyR1 = Solve(p, Route(p, 0, 0, (1, P), (1, D)));
        var v = Single(SolutionValidator.Validate(p, onlyR1), ConstraintKind.MustServe);
        Assert.Equal(0, v.Request);

        var optional = Create(request: (r, _) => r with { MustServe = false });
        var hidden = Solve(optional, Route(optional, 0, 0, (1, P), (1, D))) with { Unserved = [] };
        Single(SolutionValidator.Validate(optional, hidden), ConstraintKind.UnservedList);
        var wrong = Good(optional) with { Unserved = [1] };
        Single(SolutionValidator.Validate(optional, wrong), ConstraintKind.UnservedList);
    }

    [Fact]
    public void Pinned_vehicle_is_enforced()
    {
        var p = Create(request: (r, i) => i == 1 ? r with { PinnedVehicle = 1 } : r);
        var v = Single(SolutionValidator.Validate(p, Good(p)), ConstraintKind.PinnedVehicle);
        Assert.Equal((0, 1), (v.Vehicle, v.Request));
    }

    [Fact]
    public void On_board_requests_must_be_delivered_by_their_vehicle_and_not_picked_up_again()
    {
        ImmutableArray<VehicleState> states = [new VehicleState(0, [new OnBoardRequest(0, 0)], [])];
        var p = Create(states: states);

        var ok = Solve(p, Route(p, 0, 0, (0, D), (1, P), (1, D)));
        var result = SolutionValidator.Validate(p, ok);
        Assert.True(result.IsValid, string.Join("\n", result.Violations));
        Assert.Equal(30, result.Objective.RideTime, 9); // r0 rides 0 → 20, r1 rides 22 → 32

        var otherVehicle = Solve(p, Route(p, 1, 0, (0, D)), Route(p, 0, 0, (1, P), (1, D)));
        Single(SolutionValidator.Validate(p, otherVehicle), ConstraintKind.OnBoard);

        var pickedAgain = Solve(p, Route(p, 0, 0, (0, P), (0, D)));
        Single(SolutionValidator.Validate(p, pickedAgain), ConstraintKind.OnBoard);

        var notDelivered = Solve(p, Route(p, 0, 0, (1, P), (1, D)));
        Single(SolutionValidator.Validate(p, notDelivered), ConstraintKind.OnBoard);

        var tightRide = Create(request: (r, i) => i == 0 ? r with { MaxRideTime = 15 } : r, states: states);
        Single(SolutionValidator.Validate(tightRide, Solve(tightRide, Route(tightRide, 0, 0, (0, D)))), ConstraintKind.RideTime);
    }

    [Fact]
    public void On_board_load_counts_from_the_start()
    {
        ImmutableArray<VehicleState> states = [new VehicleState(0, [new OnBoardRequest(0, 0)], [])];
        var p = Create(vehicle: (v, _) => v with { Capacity = new LoadVector(1) }, states: states);
        var route = Route(p, 0, 0, (1, P), (0, D), (1, D));
        var v = Single(SolutionValidator.Validate(p, Solve(p, route)), ConstraintKind.Capacity);
        Assert.Equal(0, v.Stop);
    }

    [Fact]
    public void Locked_prefix_must_be_kept()
    {
        ImmutableArray<VehicleState> states = [new VehicleState(0, [], [new StopRef(1, P)])];
        var p = Create(states: states);
        var v = Single(SolutionValidator.Validate(p, Good(p)), ConstraintKind.LockedPrefix);
        Assert.Equal(0, v.Stop);
        var kept = Solve(p, Route(p, 0, 0, (1, P), (0, P), (0, D), (1, D)));
        Assert.True(SolutionValidator.Validate(p, kept).IsValid);
        var noRoute = Solve(p, Route(p, 1, 0, (0, P), (0, D), (1, P), (1, D)));
        Single(SolutionValidator.Validate(p, noRoute), ConstraintKind.LockedPrefix);
    }

    [Fact]
    public void Break_rules_are_checked()
    {
        var p = Create(vehicle: (v, _) => v with { Break = new BreakRule(30, 60, 15) });
        var good = Solve(p, Route(p, 0, 0, (0, P), (0, D), (-1, B), (1, P), (1, D)));
        var result = SolutionValidator.Validate(p, good);
        Assert.True(result.IsValid, string.Join("\n", result.Violations));

        Single(SolutionValidator.Validate(p, Good(p)), ConstraintKind.Break); // missing

        var aboard = Solve(p, Route(p, 0, 0, (0, P), (-1, B), (0, D), (1, P), (1, D)));
        Assert.Contains(SolutionValidator.Validate(p, aboard).Violations, v => v.Constraint == ConstraintKind.Break && v.Message.Contains("on board"));

        var shortBreak = Solve(p, WithStop(Route(p, 0, 0, (0, P), (0, D), (-1, B), (1, P), (1, D)), 2, s => s with { Departure = s.ServiceStart + 5 }));
        Single(SolutionValidator.Validate(p, shortBreak), ConstraintKind.Break);

        var noRule = Create();
        Single(SolutionValidator.Validate(noRule, Solve(noRule, Route(p, 0, 0, (0, P), (0, D), (-1, B), (1, P), (1, D)))), ConstraintKind.Break);
    }

    [Fact]
    public void Wrong_cost_is_reported_within_relative_tolerance()
    {
        var p = Create();
        var good = Good(p);
        Assert.True(SolutionValidator.Validate(p, good with { Cost = good.Cost * (1 + 1e-8) }).IsValid);
        var result = SolutionValidator.Validate(p, good with { Cost = good.Cost + 0.01 });
        Single(result, ConstraintKind.Objective);
        Assert.True(result.IsFeasible);
    }

    [Fact]
    public void Objective_applies_every_weight()
    {
        var weights = new ObjectiveWeights(TravelTime: 2, Distance: 3, RideTime: 5, Waiting: 7, Unserved: 11, FixedCost: 13);
        var p = Create(request: (r, i) => i == 1 ? r with { PickupWindow = new TimeWindow(30, 100) } : r,
            vehicle: (v, _) => v with { FixedCost = 100 }, weights: weights);
        // r0 only: drive 0→10→20→0 = 40; P0 starts 10 (waiting 10), leaves 11; D0 starts 21 (ride 10); r1 unserved.
        var route = Route(p, 0, 0, (0, P), (0, D));
        var solution = new Solution([route], [1], 2 * 40 + 3 * 40 + 5 * 10 + 7 * 10 + 11 * 1 + 13 * 100);
        var result = SolutionValidator.Validate(p, solution);
        Assert.True(result.IsValid, string.Join("\n", result.Violations));
    }

    [Fact]
    public void Bad_vehicle_indices_and_unknown_requests_are_violations_not_exceptions()
    {
        var p = Create();
        var good = Good(p);
        var unknownVehicle = good with { Routes = [good.Routes[0] with { Vehicle = 7 }] };
        Single(SolutionValidator.Validate(p, unknownVehicle), ConstraintKind.Vehicle);
        var duplicate = good with { Routes = [good.Routes[0], good.Routes[0]] };
        Single(SolutionValidator.Validate(p, duplicate), ConstraintKind.Vehicle);
        var unknownRequest = good with { Routes = [WithStop(good.Routes[0], 0, s => s with { Request = 42 })] };
        Single(SolutionValidator.Validate(p, unknownRequest), ConstraintKind.MalformedStop);
        var nan = good with { Routes = [WithStop(good.Routes[0], 1, s => s with { Arrival = double.NaN })] };
        Single(SolutionValidator.Validate(p, nan), ConstraintKind.MalformedStop);
    }
}
