using System.Collections.Immutable;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Validation;
using Xunit;
using ValidationLine = DemandMobility.Optimization.Tests.Validation.LineProblem;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>Compatibility groups, per-request ride limits and pupil requests on the hand-checkable line problem.</summary>
public class GroupAndPupilTests
{
    private static readonly SolverOptions Budget = new(TimeSpan.FromSeconds(30), MaxIterations: 2_000, Seed: 1);

    // r0 (10 → 20) belongs to school A, r1 (20 → 30) to school B; v0 drives for A, v1 for B.
    private static Problem TwoSchools(ObjectiveWeights? weights = null) => ValidationLine.Create(
        request: (r, i) => r with { Kind = RequestKind.Pupil, Group = i == 0 ? "A" : "B", MustServe = true },
        vehicle: (v, i) => v with { Group = i == 0 ? "A" : "B" },
        weights: weights);

    [Fact]
    public void Validator_reports_a_request_on_a_vehicle_of_another_group()
    {
        var p = TwoSchools();
        // The pooled single-vehicle route is the cheapest without groups, but mixes A and B on v0.
        var result = SolutionValidator.Validate(p, ValidationLine.Good(p));
        var v = Assert.Single(result.Violations, x => x.Constraint == ConstraintKind.Group);
        Assert.Equal(1, v.Request);
        Assert.Contains("'B'", v.Message);
    }

    [Fact]
    public void Null_group_matches_only_null()
    {
        var p = ValidationLine.Create(vehicle: (v, i) => i == 0 ? v with { Group = "A" } : v);
        // Both ungrouped requests on the grouped v0: both violate.
        var onGrouped = SolutionValidator.Validate(p, ValidationLine.Good(p));
        Assert.Equal(2, onGrouped.Violations.Count(x => x.Constraint == ConstraintKind.Group));
        var s = new Solver(Budget).Solve(p);
        Assert.True(SolutionValidator.Validate(p, s).IsValid);
        Assert.All(s.Routes, r => Assert.Equal(1, r.Vehicle));
    }

    [Fact]
    public void Solver_keeps_pupils_of_different_schools_in_separate_vehicles()
    {
        var p = TwoSchools();
        var s = new Solver(Budget).Solve(p);
        var result = SolutionValidator.Validate(p, s);
        Assert.True(result.IsValid, string.Join("\n", result.Violations));
        Assert.Empty(s.Unserved);
        // v0: 0→10→20→0 = 40, v1: 0→20→30→0 = 60 (pooled on one vehicle it would be 60 in total).
        Assert.Equal(100, result.Objective.Distance, 6);
        foreach (var route in s.Routes)
            Assert.All(route.Stops, st => Assert.Equal(p.Vehicles[route.Vehicle].Group, p.Requests[st.Request].Group));
    }

    [Fact]
    public void Warm_start_on_an_incompatible_vehicle_is_repaired()
    {
        var p = TwoSchools();
        var s = new Solver(Budget).Solve(p, ValidationLine.Good(p));
        Assert.True(SolutionValidator.Validate(p, s).IsValid);
        Assert.Equal(2, s.Routes.Length);
    }

    [Fact]
    public void Live_insertion_offers_only_the_vehicle_of_the_group()
    {
        var p = TwoSchools();
        var options = InsertionService.FindInsertions(p, ValidationLine.Solve(p), 1);
        var o = Assert.Single(options);
        Assert.Equal(1, o.Vehicle);
        Assert.Equal(60, o.CostDelta, 9);
    }

    [Fact]
    public void A_request_without_any_vehicle_of_its_group_has_no_insertion_and_stays_unserved()
    {
        var p = ValidationLine.Create(request: (r, i) => i == 1 ? r with { Group = "C" } : r);
        Assert.Empty(InsertionService.FindInsertions(p, ValidationLine.Solve(p), 1));
        var s = new Solver(Budget).Solve(p);
        Assert.True(SolutionValidator.Validate(p, s).IsValid);
        Assert.Equal(new[] { 1 }, s.Unserved.ToArray());
    }

    [Fact]
    public void Per_request_ride_limit_forbids_pooling_only_for_that_request()
    {
        // r0 10 → 30 and r1 20 → 30 share the drop-off. Pooled 0→10→20→30→0 (60) rides r0 for 20 + 1 service
        // at 20 = 21. With r0's limit 20 that order is infeasible; r1 has no limit, so the best is 80
        // (0→20→10→30→0, or serving them one after the other).
        var lp = new Insertion.LineProblem();
        lp.AddVehicle(new LoadVector(4));
        lp.AddVehicle(new LoadVector(4));
        int r0 = lp.AddRequest(10, 30, Insertion.LineProblem.Any, Insertion.LineProblem.Any, maxRide: 20, service: 1, mustServe: true);
        lp.AddRequest(20, 30, Insertion.LineProblem.Any, Insertion.LineProblem.Any, service: 1, mustServe: true);
        var tight = lp.Build();
        var loose = tight with { Requests = tight.Requests.SetItem(r0, tight.Requests[r0] with { MaxRideTime = 21 }) };

        var sTight = new Solver(Budget).Solve(tight);
        var sLoose = new Solver(Budget).Solve(loose);
        var vTight = SolutionValidator.Validate(tight, sTight);
        var vLoose = SolutionValidator.Validate(loose, sLoose);
        Assert.True(vTight.IsValid && vLoose.IsValid);
        // Tight: r1 first then r0 is 0→20→10→30→0 = 80 and r0 rides 20: still one vehicle, cost 80 > 60.
        Assert.Equal(80, vTight.Objective.Distance, 6);
        Assert.Equal(60, vLoose.Objective.Distance, 6);
        Assert.Equal(1, vLoose.Objective.UsedVehicles);
    }

    [Fact]
    public void Pupils_must_arrive_before_the_bell()
    {
        // Two pupils to the school at x=30, bell at 40: the delivery window closes at 40. Picking both up
        // (x=10, x=20) reaches the school at 30 + 2 service = 32: feasible in one vehicle.
        var lp = new Insertion.LineProblem();
        lp.AddVehicle(new LoadVector(8));
        var bell = new TimeWindow(0, 40);
        lp.AddRequest(10, 30, Insertion.LineProblem.Any, bell, service: 1, mustServe: true);
        lp.AddRequest(20, 30, Insertion.LineProblem.Any, bell, service: 1, mustServe: true);
        var p = lp.Build();
        p = p with { Requests = p.Requests.Select(r => r with { Kind = RequestKind.Pupil }).ToImmutableArray() };
        var s = new Solver(Budget).Solve(p);
        var result = SolutionValidator.Validate(p, s);
        Assert.True(result.IsValid, string.Join("\n", result.Violations));
        Assert.Empty(s.Unserved);
        foreach (var st in s.Routes.Single().Stops.Where(x => x.Kind == StopKind.Delivery))
            Assert.True(st.ServiceStart <= 40 + 1e-9);

        // A bell at 31: each pupil alone arrives at 31, both together at 32 (and the second drop-off starts after
        // the first one's service), so one stays unserved.
        var early = p with { Requests = p.Requests.Select(r => r with { DeliveryWindow = new TimeWindow(0, 31), MustServe = false }).ToImmutableArray() };
        var s2 = new Solver(Budget).Solve(early);
        var r2 = SolutionValidator.Validate(early, s2);
        Assert.True(r2.IsValid, string.Join("\n", r2.Violations));
        Assert.Single(s2.Unserved);
    }
}
