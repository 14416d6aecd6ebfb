using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// A prepared plan updated in place after plan changes (<see cref="PreparedPlan.TryUpdate"/>) against one prepared
/// afresh from the same state: after random sequences of confirmations, cancellations, clock moves and GPS fixes both
/// give the same insertion options (vehicle, positions, times, cost and the whole new route) for random requests.
/// </summary>
public sealed class InPlacePreparedPlanTests
{
    [Fact(Timeout = 120_000)]
    public Task An_in_place_updated_plan_answers_as_a_freshly_prepared_one() => Task.Run(() =>
    {
        var counts = new int[3];
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => SameOptions(seed, counts))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
        // Guard against a vacuous pass: many probes found options, and the kept plans were really updated in place.
        Assert.True(counts[0] > 200, $"{counts[0]} probes with options");
        Assert.True(counts[1] > 50 && counts[1] > counts[2], $"{counts[1]} in-place updates, {counts[2]} full prepares");
    });

    [Fact(Timeout = 30_000)]
    public async Task A_confirmation_and_a_cancellation_update_the_plan_in_place_and_a_stop_event_prepares_it_afresh()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", depot: P(0, 0));
        await h.AddVehicleAsync("bus-2", depot: P(3, 3));
        var r1 = await h.BookAsync("r1", Trip(At(1, 0), At(4, 2), Start.AddMinutes(20)));
        var plans = await h.Engine.ReadPlannerAsync((_, c) => new PreparedPlans(c.State, c.Options));
        var task = NewTask(h, P(0, 1), P(2, 3), Start.AddMinutes(90));
        var first = await PrepareAsync(h, plans, task);

        var r2 = await h.BookAsync("r2", Trip(At(2, 2), At(5, 0), Start.AddMinutes(40)));
        var afterBooking = await PrepareAsync(h, plans, task);
        Assert.Same(first, afterBooking);
        Assert.Equal((1, 1), (plans.Prepared, plans.Updated));
        Assert.Equal(4, afterBooking.Plan.Routes.Sum(r => r.Stops.Length));
        Assert.Contains(r2.Id, afterBooking.TaskIds);

        Assert.True((await h.Engine.CancelBookingAsync(CallerIdentity.Rider("r1"), r1.Id)).IsSuccess);
        var afterCancel = await PrepareAsync(h, plans, task);
        Assert.Same(first, afterCancel);
        Assert.Equal((1, 2), (plans.Prepared, plans.Updated));
        Assert.Equal(2, afterCancel.Plan.Routes.Sum(r => r.Stops.Length));
        Assert.DoesNotContain(r1.Id, afterCancel.TaskIds);

        // The vehicle reports arriving at a pickup: the live state moves, which an update does not express.
        string vehicle = await h.Engine.ReadPlannerAsync((_, c) => c.State.VehicleOrder.First(v => c.State.RouteOf(v).Any(s => s.TaskId == r2.Id)));
        await h.StopAsync(vehicle, StopEventKind.Arrived, r2.Id);
        var afterArrival = await PrepareAsync(h, plans, task);
        Assert.NotSame(first, afterArrival);
        Assert.Equal((2, 2), (plans.Prepared, plans.Updated));
        Assert.Equal("stop event", plans.LastFallback);
    }

    /// <summary>One random day on one engine; after every step random requests are probed on the kept plans and on fresh ones.</summary>
    private static bool SameOptions(int seed, int[] counts)
    {
        var rng = new Random(seed);
        var h = CreateAsync().GetAwaiter().GetResult();
        var kept = h.Engine.ReadPlannerAsync((_, c) => new PreparedPlans(c.State, c.Options)).GetAwaiter().GetResult();
        int vehicles = rng.Next(2, 6);
        for (int v = 0; v < vehicles; v++)
        {
            var shiftStart = Start.AddMinutes(rng.Next(0, 3) * 60);
            h.AddVehicleAsync($"bus-{v}", seats: rng.Next(0, 2) == 0 ? 3 : 8, depot: P(rng.Next(-5, 6), rng.Next(-5, 6)),
                shiftStart: shiftStart, shiftEnd: shiftStart.AddHours(rng.Next(3, 9)), onShift: shiftStart == Start).GetAwaiter().GetResult();
        }
        var booked = new List<(string Rider, string Id)>();
        int steps = rng.Next(15, 40);
        for (int i = 0; i < steps; i++)
        {
            double action = rng.NextDouble();
            if (action < 0.08) h.Clock.Advance(TimeSpan.FromMinutes(rng.Next(1, 15)));
            else if (action < 0.16)
            {
                string vehicle = $"bus-{rng.Next(vehicles)}";
                h.Engine.ReportPositionAsync(CallerIdentity.Driver(vehicle), vehicle, P(rng.Next(-5, 6), rng.Next(-5, 6))).GetAwaiter().GetResult();
            }
            else if (action < 0.3 && booked.Count > 0)
            {
                int k = rng.Next(booked.Count);
                h.Engine.CancelBookingAsync(CallerIdentity.Rider(booked[k].Rider), booked[k].Id).GetAwaiter().GetResult();
                booked.RemoveAt(k);
            }
            else
            {
                string rider = "r" + i;
                var q = h.Engine.RequestQuoteAsync(CallerIdentity.Rider(rider), RandomRequest(rng, h)).GetAwaiter().GetResult();
                if (q.Value?.Offer is { } offer && h.Engine.ConfirmOfferAsync(CallerIdentity.Rider(rider), offer.OfferId).GetAwaiter().GetResult() is { IsSuccess: true } c)
                    booked.Add((rider, c.Value!.Id));
            }
            for (int probe = 0; probe < 3; probe++)
            {
                var r = RandomRequest(rng, h);
                var task = NewTask(h, r.Origin.Coordinate!.Value, r.Destination.Coordinate!.Value, r.EarliestDeparture!.Value);
                var (inPlace, fresh) = h.Engine.ReadPlannerAsync((planner, c) => (Options(planner, c, kept, task), Options(planner, c, null, task)))
                    .GetAwaiter().GetResult();
                Assert.True(inPlace == fresh, $"seed {seed}, step {i}:\nin place {inPlace}\nfresh    {fresh}");
                if (inPlace.Length > 0) counts[0]++;
            }
        }
        counts[1] += kept.Updated;
        counts[2] += kept.Prepared;
        return true;
    }

    private static QuoteRequest RandomRequest(Random rng, Harness h) =>
        new(At(rng.Next(-6, 7), rng.Next(-6, 7)), At(rng.Next(-6, 7) + 0.5, rng.Next(-6, 7)),
            h.Clock.GetUtcNow().AddMinutes(rng.Next(0, 240)), null, rng.Next(1, 4));

    /// <summary>The options of <paramref name="task"/> on <paramref name="plans"/> (fresh ones when null), written out in full.</summary>
    private static string Options(RoutePlanner planner, EngineContext c, PreparedPlans? plans, TaskRecord task)
    {
        double now = EngineClock.ToSeconds(c.Now);
        var usable = planner.UsableDuties(now);
        var eligible = planner.EligibleDuties(usable, task, now);
        if (eligible.Count == 0) return "";
        var travel = planner.TravelFor(task, now);
        var (duties, needs) = InsertionPrefilter.Select(c.State, eligible, task, now, travel);
        if (duties.Count == 0) return "";
        var plan = (plans ?? new PreparedPlans(c.State, c.Options)).For(usable, travel, task, now);
        var insertion = plan.Rent();
        try
        {
            var found = insertion.Find(c.State, task, now, duties, needs, 8);
            Assert.NotNull(found);
            return string.Join("\n", found.Select(o => $"{plan.Duties[o.Vehicle].VehicleId} {o.PickupPosition}/{o.DeliveryPosition} {o.CostDelta:R} "
                + string.Join(" ", o.Route.Stops.Select(s => $"{(s.Kind == StopKind.Break ? "break" : plan.TaskIds[s.Request])}/{s.Kind}@{s.ServiceStart:R}"))));
        }
        finally
        {
            plan.Return(insertion);
        }
    }

    private static Task<PreparedPlan> PrepareAsync(Harness h, PreparedPlans plans, TaskRecord task)
    {
        double now = EngineClock.ToSeconds(h.Clock.GetUtcNow());
        return h.Engine.ReadPlannerAsync((planner, _) => plans.For(planner.UsableDuties(now), planner.TravelFor(task, now), task, now));
    }

    private static TaskRecord NewTask(Harness h, GeoPoint from, GeoPoint to, DateTimeOffset departure)
    {
        double direct = h.Travel.Table([from], [to]).Duration(0, 0);
        double t0 = Math.Max(EngineClock.ToSeconds(departure), EngineClock.ToSeconds(h.Clock.GetUtcNow()));
        return new TaskRecord("new", RequestKind.Passenger, from, to, new LoadVector(1, 0, 0, 0),
            new TimeWindow(t0, t0 + h.Options.MaxWait.TotalSeconds), TimeWindow.Unbounded,
            RideTimeLimit.FromDetourFactor(direct, h.Options.DetourFactor, h.Options.DetourConstant.TotalSeconds),
            h.Options.BoardingTime.TotalSeconds, h.Options.AlightingTime.TotalSeconds, "");
    }
}
