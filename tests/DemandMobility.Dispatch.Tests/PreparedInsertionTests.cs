using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// The plan prepared once per plan version and travel band (<see cref="PreparedPlans"/>) against the problem built
/// afresh for every quote: same offers on random plans and requests, and a prepared plan that is replaced whenever
/// what it was built from moves (plan, band, duty layout, fleet) but only refreshed when the clock moves.
/// </summary>
public sealed class PreparedInsertionTests
{
    /// <summary>The optimiser's insertion on a problem built per quote: the engine takes its rebuilding path with it.</summary>
    private sealed class RebuiltInsertion : IInsertionStrategy
    {
        public IReadOnlyList<InsertionOption> FindInsertions(Problem problem, Solution plan, int request, int maxOptions) =>
            InsertionService.FindInsertions(problem, plan, request, maxOptions);
    }

    [Fact(Timeout = 120_000)]
    public Task Prepared_and_rebuilt_quotes_give_the_same_offers() => Task.Run(() =>
    {
        var counts = new int[2];
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => SameOffers(seed, counts))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
        // Guard against a vacuous pass: most quotes must have been offers, and both paths asked many times.
        Assert.True(counts[0] > 100 && counts[0] > counts[1], $"{counts[0]} offers, {counts[1]} rejections");
    });

    /// <summary>
    /// The same on the embedded road network (the test area lies north of Bayreuth): the prepared plan's tables come
    /// from the router's kept searches (<see cref="Travel.IKeptTravelTable"/>), the rebuilt problem's from plain tables.
    /// </summary>
    [Fact(Timeout = 300_000)]
    public Task Prepared_quotes_with_kept_road_tables_give_the_same_offers_as_rebuilt_ones() => Task.Run(() =>
    {
        // Free flow: one band, so the one kept table below is the one every quote read.
        var travel = new Travel.RoadRouterTravelTimeService(RoadRegion.Router.WithTimeOfDay(Routing.TimeOfDayProfile.FreeFlow));
        var counts = new int[2];
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => SameOffers(seed, counts, travel))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(12));
        // Guard against a vacuous pass: random days give about three offers each (six days once gave only 20 in all).
        Assert.True(counts[0] > 12 && counts[0] > counts[1], $"{counts[0]} offers, {counts[1]} rejections");
        Assert.True(travel.KeptTable.KeptPoints > 0, "the prepared plans read no kept table");
    });

    /// <summary>
    /// Runs one random day on two engines in lockstep, one on prepared plans and one rebuilding per quote: quotes,
    /// confirmations, clock moves, GPS fixes and arrivals at a pickup (its vehicle then stands there, a locked stop);
    /// every answer must be the same.
    /// </summary>
    private static bool SameOffers(int seed, int[] counts, Travel.ITravelTimeService? travel = null)
    {
        var rng = new Random(seed);
        var prepared = CreateAsync(travel: travel).GetAwaiter().GetResult();
        var rebuilt = CreateAsync(travel: travel, insertion: new RebuiltInsertion()).GetAwaiter().GetResult();
        var both = new[] { prepared, rebuilt };
        // On a road network only points near a road are drawn (part of the test area lies outside the embedded extract).
        GeoPoint OnRoad(Func<GeoPoint> draw)
        {
            var p = draw();
            for (int k = 0; travel is not null && k < 100 && travel.Snap(p).Status != Travel.SnapStatus.Snapped; k++) p = draw();
            return p;
        }
        int vehicles = rng.Next(2, 6);
        for (int v = 0; v < vehicles; v++)
        {
            var depot = OnRoad(() => P(rng.Next(-5, 6), rng.Next(-5, 6)));
            var shiftStart = Start.AddMinutes(rng.Next(0, 3) * 60);
            var shiftEnd = shiftStart.AddHours(rng.Next(3, 9));
            int seats = rng.Next(0, 2) == 0 ? 3 : 8;
            foreach (var h in both)
                h.AddVehicleAsync($"bus-{v}", seats: seats, depot: depot, shiftStart: shiftStart, shiftEnd: shiftEnd,
                    onShift: shiftStart == Start).GetAwaiter().GetResult();
        }
        int steps = rng.Next(15, 40);
        string last = "";
        for (int i = 0; i < steps; i++)
        {
            // Both engines must hold the same plan after every step, or a later difference would not say where it began.
            var routes = both.Select(h => h.Engine.ReadPlannerAsync((_, c) => string.Join("\n", c.State.VehicleOrder.Select(v =>
                v + ": " + string.Join(" ", c.State.RouteOf(v).Select(s => $"{s.TaskId[..4]}/{s.Kind}@{s.ServiceStart:F1}"))))).GetAwaiter().GetResult()).ToArray();
            Assert.True(routes[0] == routes[1], $"after {last}:\nprepared\n{routes[0]}\nrebuilt\n{routes[1]}");
            double action = rng.NextDouble();
            last = action < 0.1 ? "clock" : action < 0.2 ? "fix" : action < 0.27 ? "arrival" : "quote";
            if (action < 0.1)
            {
                var by = TimeSpan.FromMinutes(rng.Next(1, 15));
                foreach (var h in both) h.Clock.Advance(by);
            }
            else if (action < 0.2)
            {
                string vehicle = $"bus-{rng.Next(vehicles)}";
                var at = P(rng.Next(-5, 6), rng.Next(-5, 6));
                var answers = both.Select(h => h.Engine.ReportPositionAsync(CallerIdentity.Driver(vehicle), vehicle, at).GetAwaiter().GetResult().IsSuccess).ToArray();
                Assert.Equal(answers[0], answers[1]);
            }
            else if (action < 0.27)
            {
                string vehicle = $"bus-{rng.Next(vehicles)}";
                var pickup = prepared.Engine.ReadPlannerAsync((_, c) =>
                    c.State.RouteOf(vehicle) is { IsEmpty: false } r && r[0].Kind == StopKind.Pickup ? r[0].TaskId : null).GetAwaiter().GetResult();
                if (pickup is null) continue;
                var answers = both.Select(h => h.Engine.ReportStopEventAsync(CallerIdentity.Driver(vehicle),
                    new StopEvent(vehicle, StopEventKind.Arrived, pickup)).GetAwaiter().GetResult().IsSuccess).ToArray();
                Assert.Equal(answers[0], answers[1]);
            }
            else
            {
                var from = new PlaceRef(OnRoad(() => P(rng.Next(-6, 7), rng.Next(-6, 7))));
                var to = new PlaceRef(OnRoad(() => P(rng.Next(-6, 7) + 0.5, rng.Next(-6, 7))));
                var when = prepared.Clock.GetUtcNow().AddMinutes(rng.Next(0, 240));
                var request = rng.NextDouble() < 0.25
                    ? new QuoteRequest(from, to, null, when.AddMinutes(30), rng.Next(1, 4))
                    : new QuoteRequest(from, to, when, null, rng.Next(1, 4));
                var quotes = both.Select(h => h.Engine.RequestQuoteAsync(CallerIdentity.Rider("r" + i), request).GetAwaiter().GetResult()).ToArray();
                Assert.Equal(quotes[0].IsSuccess, quotes[1].IsSuccess);
                if (!quotes[0].IsSuccess) continue;
                var (a, b) = (quotes[0].Value!, quotes[1].Value!);
                Assert.Equal(a.Offer is null, b.Offer is null);
                if (a.Offer is null)
                {
                    counts[1]++;
                    Assert.Equal(a.Rejection!.AlternativeTimes.ToArray(), b.Rejection!.AlternativeTimes.ToArray());
                    continue;
                }
                counts[0]++;
                Assert.Equal((a.Offer.VehicleId, a.Offer.PromisedPickupStart, a.Offer.PromisedPickupEnd, a.Offer.PlannedPickup, a.Offer.PredictedDropoff),
                    (b.Offer!.VehicleId, b.Offer.PromisedPickupStart, b.Offer.PromisedPickupEnd, b.Offer.PlannedPickup, b.Offer.PredictedDropoff));
                if (rng.NextDouble() < 0.7)
                {
                    var confirmed = new[] { (prepared, a.Offer), (rebuilt, b.Offer) }
                        .Select(x => x.Item1.Engine.ConfirmOfferAsync(CallerIdentity.Rider("r" + i), x.Item2.OfferId).GetAwaiter().GetResult().IsSuccess).ToArray();
                    Assert.True(confirmed[0] && confirmed[1]);
                }
            }
        }
        return true;
    }

    [Fact(Timeout = 30_000)]
    public async Task A_plan_is_prepared_once_per_plan_version_and_again_after_a_booking()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", depot: P(0, 0));
        await h.AddVehicleAsync("bus-2", depot: P(3, 3));
        await h.BookAsync("r1", Trip(At(1, 0), At(4, 2), Start.AddMinutes(20)));
        var plans = await h.Engine.ReadPlannerAsync((_, c) => new PreparedPlans(c.State, c.Options));
        var task = NewTask(h, P(0, 1), P(2, 3), Start.AddMinutes(30));

        var first = await PrepareAsync(h, plans, task);
        var again = await PrepareAsync(h, plans, task);
        Assert.Same(first, again);
        Assert.Equal(1, plans.Prepared);
        Assert.True(first.CommittedPairs >= 3, $"{first.CommittedPairs} committed pairs: depot → pickup → drop-off → depot at least");

        await h.BookAsync("r2", Trip(At(2, 2), At(5, 0), Start.AddMinutes(40)));
        var afterBooking = await PrepareAsync(h, plans, task);
        Assert.NotSame(first, afterBooking);
        Assert.Equal(2, plans.Prepared);
        Assert.Equal(4, afterBooking.Plan.Routes.Sum(r => r.Stops.Length));
    }

    [Fact(Timeout = 30_000)]
    public async Task Another_travel_band_or_a_cleared_cache_gets_its_own_plan()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", depot: P(0, 0));
        await h.BookAsync("r1", Trip(At(1, 0), At(4, 2), Start.AddMinutes(20)));
        var plans = await h.Engine.ReadPlannerAsync((_, c) => new PreparedPlans(c.State, c.Options));
        var task = NewTask(h, P(0, 1), P(2, 3), Start.AddMinutes(30));
        var band = new TravelCache(h.Travel);
        var other = new TravelCache(h.Travel);

        var inBand = await PrepareAsync(h, plans, task, band);
        var inOther = await PrepareAsync(h, plans, task, other);
        Assert.NotSame(inBand, inOther);
        Assert.Same(inBand, await PrepareAsync(h, plans, task, band));

        band.Clear();
        var afterClear = await PrepareAsync(h, plans, task, band);
        Assert.NotSame(inBand, afterClear);
        Assert.Equal(3, plans.Prepared);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_moving_clock_refreshes_the_start_times_and_a_shift_edge_replaces_the_plan()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", depot: P(0, 0));
        await h.AddVehicleAsync("bus-2", depot: P(3, 3));
        await h.AddVehicleAsync("bus-3", depot: P(1, 1), shiftStart: Start.AddMinutes(30), onShift: false);
        await h.BookAsync("r1", Trip(At(1, 0), At(4, 2), Start.AddMinutes(20)));
        var plans = await h.Engine.ReadPlannerAsync((_, c) => new PreparedPlans(c.State, c.Options));
        var task = NewTask(h, P(0, 1), P(2, 3), Start.AddMinutes(90));
        var before = await PrepareAsync(h, plans, task);

        h.Clock.Advance(TimeSpan.FromMinutes(7));
        double now = EngineClock.ToSeconds(h.Clock.GetUtcNow());
        var (plan, starts, same) = await h.Engine.ReadPlannerAsync((planner, c) =>
        {
            var usable = planner.UsableDuties(now);
            var travel = planner.TravelFor(task, now);
            var p = plans.For(usable, travel, task, now);
            var (duties, needs) = InsertionPrefilter.Select(c.State, planner.EligibleDuties(usable, task, now), task, now, travel);
            var insertion = p.Rent();
            var found = insertion.Find(c.State, task, now, duties, needs, 8)!;
            var pp = ProblemBuilder.Build(c.State, duties, task, now, travel, c.Options, pinPlanned: true, needs);
            var fresh = InsertionService.FindInsertions(pp.Problem, pp.Current, pp.NewRequest, 8);
            var starts = insertion.Problem.Vehicles.Select(v => v.Shift.Earliest).ToArray();
            bool same = found.Count == fresh.Count && found.Count > 0
                && found.Zip(fresh).All(x => p.Duties[x.First.Vehicle] == pp.Duties[x.Second.Vehicle]
                    && x.First.PickupTime == x.Second.PickupTime && x.First.DeliveryTime == x.Second.DeliveryTime && x.First.CostDelta == x.Second.CostDelta);
            p.Return(insertion);
            return (p, starts, same);
        });
        Assert.Same(before, plan);
        Assert.Equal([now, now, EngineClock.ToSeconds(Start.AddMinutes(30))], starts);
        Assert.True(same, "the prepared plan at the later clock answers as a problem built at that clock");

        // bus-3 has not started its shift; once its start is past the grace it can take no work: another layout.
        h.Clock.Set(Start.AddMinutes(30) + h.Options.ShiftStartGrace + TimeSpan.FromMinutes(1));
        var pastShift = await PrepareAsync(h, plans, task);
        Assert.NotSame(before, pastShift);
        Assert.Contains(before.Duties, d => d.VehicleId == "bus-3");
        Assert.DoesNotContain(pastShift.Duties, d => d.VehicleId == "bus-3");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_vehicle_out_of_service_leaves_the_prepared_plan()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", depot: P(0, 0));
        await h.AddVehicleAsync("bus-2", depot: P(3, 3));
        var plans = await h.Engine.ReadPlannerAsync((_, c) => new PreparedPlans(c.State, c.Options));
        var task = NewTask(h, P(0, 1), P(2, 3), Start.AddMinutes(30));
        var before = await PrepareAsync(h, plans, task);
        Assert.Equal(["bus-1", "bus-2"], before.Duties.Select(d => d.VehicleId));

        Assert.True((await h.Engine.TakeOutOfServiceAsync(Control, "bus-1")).IsSuccess);
        var after = await PrepareAsync(h, plans, task);
        Assert.NotSame(before, after);
        Assert.Equal(["bus-2"], after.Duties.Select(d => d.VehicleId));
        for (int i = 0; i < 5; i++)
            Assert.Equal("bus-2", (await h.OfferAsync("r" + i, Trip(At(i, 0), At(i + 2, 1), Start.AddMinutes(20 + 10 * i)))).VehicleId);
    }

    private static Task<PreparedPlan> PrepareAsync(Harness h, PreparedPlans plans, TaskRecord task, TravelCache? band = null)
    {
        double now = EngineClock.ToSeconds(h.Clock.GetUtcNow());
        return h.Engine.ReadPlannerAsync((planner, _) => plans.For(planner.UsableDuties(now), band ?? planner.TravelFor(task, now), task, now));
    }

    private static TaskRecord NewTask(Harness h, GeoPoint from, GeoPoint to, DateTimeOffset departure)
    {
        double direct = h.Travel.Table([from], [to]).Duration(0, 0);
        double t0 = EngineClock.ToSeconds(departure);
        return new TaskRecord("new", RequestKind.Passenger, from, to, new LoadVector(1, 0, 0, 0),
            new TimeWindow(t0, t0 + h.Options.MaxWait.TotalSeconds), TimeWindow.Unbounded,
            RideTimeLimit.FromDetourFactor(direct, h.Options.DetourFactor, h.Options.DetourConstant.TotalSeconds),
            h.Options.BoardingTime.TotalSeconds, h.Options.AlightingTime.TotalSeconds, "");
    }
}
