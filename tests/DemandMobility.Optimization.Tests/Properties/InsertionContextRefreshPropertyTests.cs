using System.Collections.Immutable;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using Xunit.Sdk;

namespace DemandMobility.Optimization.Tests.Properties;

/// <summary>
/// <see cref="InsertionContext.Refresh(Problem)"/> (vehicle and request records replaced, routes re-timed) and
/// <see cref="InsertionContext.Refresh(Problem, IReadOnlyList{RoutePlan})"/> (live state and routes replaced: a rider
/// boarded, a booking moved between vehicles) against a one-shot query on the new problem, and the vehicle mask of <see cref="InsertionContext.FindInsertions(int, int, ReadOnlySpan{bool})"/>.
/// </summary>
public class InsertionContextRefreshPropertyTests
{
    [Fact(Timeout = 60_000)]
    public Task A_refreshed_context_answers_like_a_one_shot_query_on_the_new_problem() => Task.Run(() =>
    {
        int compared = 0;
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var p = RandomInstances.Create(seed, maxRequests: 9, maxVehicles: 3);
            if (p.Requests.Length < 2) return true;
            int last = p.Requests.Length - 1;
            var ctx = new InsertionContext(p, new Solution([], [], 0));
            for (int r = 0; r < last; r++)
            {
                var o = ctx.FindInsertions(r, 1);
                if (o.Count > 0) ctx.Apply(o[0]);
            }
            var plan = ctx.CurrentPlan();
            var rng = new Random(seed);
            // Later starts for some vehicles (the clock moved), a narrower pickup window for one planned request.
            var vehicles = p.Vehicles.Select(v => rng.Next(2) == 0 ? v
                : v with { Shift = new TimeWindow(v.Shift.Earliest + rng.Next(0, 1200), Math.Max(v.Shift.Earliest + 1200, v.Shift.Latest)) }).ToImmutableArray();
            var requests = p.Requests;
            int narrowed = rng.Next(last);
            var w = requests[narrowed].PickupWindow;
            requests = requests.SetItem(narrowed, requests[narrowed] with { PickupWindow = new TimeWindow(w.Earliest, Math.Max(w.Earliest, w.Latest - rng.Next(0, 600))) });
            var moved = p with { Vehicles = vehicles, Requests = requests };
            ctx.Refresh(moved);
            var reference = InsertionService.FindInsertions(moved, plan, last, 5);
            var refreshed = ctx.FindInsertions(last, 5);
            if (reference.Count != refreshed.Count)
                throw new XunitException($"seed {seed}: {refreshed.Count} options, reference {reference.Count}");
            for (int k = 0; k < reference.Count; k++)
                if (reference[k].Vehicle != refreshed[k].Vehicle || reference[k].CostDelta != refreshed[k].CostDelta
                    || reference[k].PickupTime != refreshed[k].PickupTime)
                    throw new XunitException($"seed {seed}, option {k}: vehicle {refreshed[k].Vehicle} cost {refreshed[k].CostDelta:R}, reference vehicle {reference[k].Vehicle} cost {reference[k].CostDelta:R}");
            compared += reference.Count;
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), prop);
        // Guards against a vacuous pass (random cases where the last request fits nowhere compare nothing).
        Assert.True(compared >= 20, $"only {compared} options compared");
    });

    [Fact(Timeout = 60_000)]
    public Task A_context_refreshed_with_new_live_state_and_routes_answers_like_a_one_shot_query() => Task.Run(() =>
    {
        int compared = 0, boarded = 0, moved = 0;
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var p = RandomInstances.Create(seed, maxRequests: 10, maxVehicles: 3);
            if (p.Requests.Length < 3) return true;
            int last = p.Requests.Length - 1;
            var ctx = new InsertionContext(p, new Solution([], [], 0));
            for (int r = 0; r < last; r++)
            {
                var o = ctx.FindInsertions(r, 1);
                if (o.Count > 0) ctx.Apply(o[0]);
            }
            var routes = ctx.CurrentPlan().Routes.ToDictionary(r => r.Vehicle);
            var rng = new Random(seed);
            var changed = new Dictionary<int, RoutePlan>();
            var states = p.States.IsDefault ? ImmutableArray<VehicleState>.Empty : p.States;
            // A rider boards: the first pickup of one route leaves it and the request is on board that vehicle.
            if (routes.Count > 0)
            {
                var route = routes.Values.ElementAt(rng.Next(routes.Count));
                var first = route.Stops[0];
                var rest = route.Stops.RemoveAt(0);
                changed[route.Vehicle] = route with { Stops = rest };
                states = states.Add(new VehicleState(route.Vehicle, [new OnBoardRequest(first.Request, first.Departure)], ImmutableArray<StopRef>.Empty));
                boarded++;
                // A booking still to be picked up moves to another vehicle, appended to its route.
                var others = routes.Keys.Where(v => v != route.Vehicle).ToArray();
                var movable = rest.Where(s => s.Kind == StopKind.Pickup).Select(s => s.Request).ToArray();
                if (others.Length > 0 && movable.Length > 0)
                {
                    int q = movable[rng.Next(movable.Length)], to = others[rng.Next(others.Length)];
                    changed[route.Vehicle] = changed[route.Vehicle] with { Stops = rest.RemoveAll(s => s.Request == q) };
                    var target = routes[to];
                    changed[to] = target with
                    {
                        Stops = target.Stops.AddRange(route.Stops.Where(s => s.Request == q)),
                    };
                    moved++;
                }
            }
            var next = p with { States = states };
            var plan = new Solution(routes.Values.Select(r => changed.GetValueOrDefault(r.Vehicle, r)).ToImmutableArray(), [], 0);
            ctx.Refresh(next, changed.Values.ToArray());
            var reference = InsertionService.FindInsertions(next, plan, last, 5);
            var refreshed = ctx.FindInsertions(last, 5);
            if (reference.Count != refreshed.Count)
                throw new XunitException($"seed {seed}: {refreshed.Count} options, reference {reference.Count}");
            for (int k = 0; k < reference.Count; k++)
                if (reference[k].Vehicle != refreshed[k].Vehicle || reference[k].CostDelta != refreshed[k].CostDelta
                    || reference[k].PickupTime != refreshed[k].PickupTime || reference[k].DeliveryTime != refreshed[k].DeliveryTime)
                    throw new XunitException($"seed {seed}, option {k}: vehicle {refreshed[k].Vehicle} cost {refreshed[k].CostDelta:R}, reference vehicle {reference[k].Vehicle} cost {reference[k].CostDelta:R}");
            compared += reference.Count;
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), prop);
        Assert.True(compared >= 20 && boarded >= 20 && moved >= 10, $"{compared} options compared, {boarded} boardings, {moved} moves");
    });

    [Fact]
    public void A_live_state_change_without_its_route_is_refused()
    {
        var p = RandomInstances.Create(3, maxRequests: 6, maxVehicles: 2);
        var ctx = new InsertionContext(p, new Solution([], [], 0));
        var o = ctx.FindInsertions(0, 1);
        Assert.NotEmpty(o);
        ctx.Apply(o[0]);
        var states = (p.States.IsDefault ? ImmutableArray<VehicleState>.Empty : p.States)
            .Add(new VehicleState(o[0].Vehicle, [new OnBoardRequest(0, 0)], ImmutableArray<StopRef>.Empty));
        var e = Assert.Throws<ArgumentException>(() => ctx.Refresh(p with { States = states }, []));
        Assert.Contains($"vehicle {o[0].Vehicle}", e.Message);
    }

    [Fact(Timeout = 60_000)]
    public Task A_vehicle_mask_keeps_the_other_vehicles_out() => Task.Run(() =>
    {
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var p = RandomInstances.Create(seed, maxRequests: 8, maxVehicles: 4);
            int last = p.Requests.Length - 1;
            var ctx = new InsertionContext(p, new Solution([], [], 0));
            var rng = new Random(seed);
            var mask = p.Vehicles.Select(_ => rng.Next(2) == 0).ToArray();
            var all = ctx.FindInsertions(last, 5);
            var everyone = ctx.FindInsertions(last, 5, p.Vehicles.Select(_ => true).ToArray());
            var masked = ctx.FindInsertions(last, 5, mask);
            if (!all.Select(o => (o.Vehicle, o.CostDelta)).SequenceEqual(everyone.Select(o => (o.Vehicle, o.CostDelta))))
                throw new XunitException($"seed {seed}: an all-true mask changed the answer");
            if (masked.Any(o => !mask[o.Vehicle]))
                throw new XunitException($"seed {seed}: an option on a masked vehicle");
            // The cheapest allowed option of the unmasked answer is never cheaper than the masked answer's first.
            if (all.FirstOrDefault(o => mask[o.Vehicle]) is { } best && (masked.Count == 0 || masked[0].CostDelta > best.CostDelta))
                throw new XunitException($"seed {seed}: masked best {masked.FirstOrDefault()?.CostDelta}, expected {best.CostDelta}");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), prop);
        Assert.Throws<ArgumentException>(() => new InsertionContext(RandomInstances.Create(1, maxRequests: 3, maxVehicles: 2), new Solution([], [], 0))
            .FindInsertions(0, 5, new bool[7]));
    });
}
