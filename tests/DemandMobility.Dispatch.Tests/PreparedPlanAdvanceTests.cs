using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// The prepared plan carried to the next plan version where the plan changes (<see cref="PreparedPlans.Advance"/>)
/// against one prepared afresh from the same state: over random sequences of bookings, cancellations, GPS fixes, stop
/// events (arrival, boarding, no-show, drop-off), clock moves, re-optimisation rounds and quotes, every probe quote gets
/// the same insertion options (duty, positions, cost, times, stops) from both.
/// </summary>
public sealed class PreparedPlanAdvanceTests
{
    [Fact(Timeout = 300_000)]
    public Task A_carried_plan_answers_every_quote_as_a_freshly_prepared_one() => Task.Run(() =>
    {
        var counts = new Counts();
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => SameAnswers(seed, counts))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(20));
        // Guard against a vacuous pass: plans must have been carried across bookings, cancellations, fixes and stop
        // events, and probes must have found options. Whether a round finds a cheaper plan depends on the solver's wall
        // time budget; the test below adopts one for certain.
        Assert.True(counts.Carried > 50, $"{counts.Carried} plans carried to a new version");
        Assert.True(counts.Options > 100, $"{counts.Options} probe quotes with options");
        Assert.True(counts.Cancellations > 10, $"{counts.Cancellations} cancellations");
        Assert.True(counts.Fixes > 30, $"{counts.Fixes} GPS fixes carried");
        Assert.True(counts.StopEvents > 15, $"{counts.StopEvents} stop events carried ({string.Join(", ", counts.StopKinds)})");
        Assert.True(counts.StopKinds.IsSupersetOf([StopEventKind.Arrived, StopEventKind.Boarded, StopEventKind.DroppedOff]),
            $"stop event kinds carried: {string.Join(", ", counts.StopKinds)}");
    });

    [Fact(Timeout = 30_000)]
    public async Task A_booking_carries_the_plan_and_the_next_quote_prepares_nothing()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", depot: P(0, 0));
        await h.AddVehicleAsync("bus-2", depot: P(3, 3));
        await h.BookAsync("r1", Trip(At(1, 0), At(4, 2), Start.AddMinutes(20)));
        var plans = await h.Engine.ReadPlannerAsync((p, _) => p.Prepared!);
        int prepared = plans.Prepared;

        await h.BookAsync("r2", Trip(At(2, 2), At(5, 0), Start.AddMinutes(40)));
        await h.OfferAsync("r3", Trip(At(0, 1), At(2, 3), Start.AddMinutes(30)));
        Assert.Equal(prepared, plans.Prepared);
        Assert.True(plans.Advanced >= 1, $"{plans.Advanced} plans carried ({plans.LastFallback})");
    }

    [Fact(Timeout = 30_000)]
    public async Task Fixes_and_stop_events_carry_the_plan_and_the_next_quote_prepares_nothing()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", depot: P(0, 0));
        await h.AddVehicleAsync("bus-2", depot: P(3, 3));
        var booking = await h.BookAsync("r1", Trip(At(1, 0), At(4, 2), Start.AddMinutes(10)));
        var plans = await h.Engine.ReadPlannerAsync((p, _) => p.Prepared!);
        int prepared = plans.Prepared;
        var vehicle = booking.VehicleId!;

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await h.Engine.ReportPositionAsync(CallerIdentity.Driver(vehicle), vehicle, P(0.5, 0))).IsSuccess);
        await h.StopAsync(vehicle, StopEventKind.Arrived, booking.Id);
        await h.StopAsync(vehicle, StopEventKind.Boarded, booking.Id);
        Assert.True((await h.Engine.ReportPositionAsync(CallerIdentity.Driver(vehicle), vehicle, P(2, 1))).IsSuccess);
        await h.OfferAsync("r2", Trip(At(0, 1), At(2, 3), Start.AddMinutes(30)));
        Assert.Equal(prepared, plans.Prepared);
        Assert.True(plans.Advanced >= 4, $"{plans.Advanced} plans carried ({plans.LastFallback})");
    }

    [Fact(Timeout = 60_000)]
    public async Task An_adopted_round_that_moves_a_booking_between_buses_carries_the_plan()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", depot: P(-5, 0));
        await h.AddVehicleAsync("bus-2", depot: P(5, 0));
        var near = await h.BookAsync("r1", Trip(At(-4, 1), At(-3, 2), Start.AddMinutes(40)));
        Assert.Equal("bus-1", near.VehicleId);
        // The buses swap sides: the booking is now far cheaper on bus-2, which the round must see.
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await h.Engine.ReportPositionAsync(CallerIdentity.Driver("bus-1"), "bus-1", P(5, 1))).IsSuccess);
        Assert.True((await h.Engine.ReportPositionAsync(CallerIdentity.Driver("bus-2"), "bus-2", P(-5, 1))).IsSuccess);
        await h.OfferAsync("probe", Trip(At(0, 1), At(2, 3), Start.AddMinutes(30)));
        var plans = await h.Engine.ReadPlannerAsync((p, _) => p.Prepared!);
        int prepared = plans.Prepared;

        Assert.Equal(ReoptimisationStatus.Adopted, (await h.Engine.ReoptimiseAsync()).Status);

        Assert.Equal("bus-2", (await h.ViewAsync(near.Id)).Booking.VehicleId);
        var task = NewTask(h, P(-4, 2), P(-2, 2), Start.AddMinutes(50));
        var (carried, fresh) = await h.Engine.ReadPlannerAsync((planner, c) =>
        {
            double now = EngineClock.ToSeconds(h.Clock.GetUtcNow());
            var usable = planner.UsableDuties(now);
            var travel = planner.TravelFor(task, now);
            var (duties, needs) = InsertionPrefilter.Select(c.State, planner.EligibleDuties(usable, task, now), task, now, travel);
            return (Answer(plans.For(usable, travel, task, now), c.State, task, now, duties, needs),
                Answer(PreparedPlan.Build(c.State, usable, task, now, travel, c.Options), c.State, task, now, duties, needs));
        });
        Assert.Equal(prepared, plans.Prepared);
        Assert.NotEmpty(fresh);
        Assert.Equal(fresh, carried);
    }

    [Fact(Timeout = 120_000)]
    public async Task Kept_road_searches_forget_the_start_points_buses_moved_away_from()
    {
        // Free flow: one band, so the one kept table below is the one every quote read.
        var travel = new Travel.RoadRouterTravelTimeService(RoadRegion.Router.WithTimeOfDay(Routing.TimeOfDayProfile.FreeFlow));
        var h = await CreateAsync(travel: travel);
        var rng = new Random(5);
        GeoPoint OnRoad()
        {
            var p = P(rng.Next(-6, 7) + rng.NextDouble(), rng.Next(-6, 7) + rng.NextDouble());
            for (int k = 0; k < 200 && travel.Snap(p).Status != Travel.SnapStatus.Snapped; k++)
                p = P(rng.Next(-6, 7) + rng.NextDouble(), rng.Next(-6, 7) + rng.NextDouble());
            return p;
        }
        await h.AddVehicleAsync("bus-1", depot: OnRoad());
        await h.AddVehicleAsync("bus-2", depot: OnRoad());
        var plans = await h.Engine.ReadPlannerAsync((p, _) => p.Prepared!);
        int fixes = 0;
        for (int i = 0; i < 80; i++)
        {
            // Every fix moves a bus to a new point, and the quote after it keeps that start point's searches.
            string bus = $"bus-{1 + i % 2}";
            h.Clock.Advance(TimeSpan.FromSeconds(5));
            if ((await h.Engine.ReportPositionAsync(CallerIdentity.Driver(bus), bus, OnRoad())).IsSuccess) fixes++;
            await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("r" + i), Trip(new PlaceRef(OnRoad()), new PlaceRef(OnRoad()), h.Clock.GetUtcNow().AddMinutes(20)));
        }
        Assert.True(fixes > 60, $"{fixes} fixes");
        Assert.Equal(1, plans.Prepared);
        // The quotes keep the searches of the start points they table (about half of the fixes' points here): the
        // table must have let go of those the buses left, keeping about the plan's points.
        Assert.True(travel.KeptTable.KeptPoints <= 12, $"{travel.KeptTable.KeptPoints} points kept after {fixes} fixes");
    }

    [Fact(Timeout = 120_000)]
    public async Task Spare_request_slots_running_out_fall_back_to_a_full_prepare()
    {
        var h = await CreateAsync();
        for (int v = 0; v < 6; v++)
            await h.AddVehicleAsync($"bus-{v}", seats: 8, depot: P(v - 3, 0), shiftEnd: Start.AddHours(14));
        var plans = await h.Engine.ReadPlannerAsync((p, _) => p.Prepared!);
        var rng = new Random(7);
        int booked = 0;
        for (int i = 0; i < 400 && plans.LastFallback != "no spare request slot"; i++)
        {
            var q = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("r" + i),
                Trip(At(rng.Next(-4, 5), rng.Next(-4, 5)), At(rng.Next(-4, 5) + 0.5, rng.Next(-4, 5)), Start.AddMinutes(20 + 4 * i)));
            if (q.Value?.Offer is not { } offer) continue;
            Assert.True((await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("r" + i), offer.OfferId)).IsSuccess);
            booked++;
        }
        Assert.True(plans.LastFallback == "no spare request slot", $"{booked} bookings; last fallback {plans.LastFallback}");
        int prepared = plans.Prepared;
        await h.OfferAsync("late", Trip(At(0, 1), At(2, 3), Start.AddHours(6)));
        Assert.Equal(prepared + 1, plans.Prepared);
    }

    private sealed class Counts
    {
        public int Carried, Options, Cancellations, Fixes, StopEvents;
        public HashSet<StopEventKind> StopKinds { get; } = [];
    }

    private static bool SameAnswers(int seed, Counts counts)
    {
        var rng = new Random(seed);
        var h = CreateAsync().GetAwaiter().GetResult();
        int vehicles = rng.Next(2, 6);
        for (int v = 0; v < vehicles; v++)
        {
            var shiftStart = Start.AddMinutes(rng.Next(0, 3) * 60);
            h.AddVehicleAsync($"bus-{v}", seats: rng.Next(0, 2) == 0 ? 3 : 8, depot: P(rng.Next(-5, 6), rng.Next(-5, 6)),
                shiftStart: shiftStart, shiftEnd: shiftStart.AddHours(rng.Next(3, 9)), onShift: shiftStart == Start).GetAwaiter().GetResult();
        }
        var plans = h.Engine.ReadPlannerAsync((p, _) => p.Prepared!).GetAwaiter().GetResult();
        var booked = new List<(string Id, string Rider)>();
        int steps = rng.Next(25, 50);
        for (int i = 0; i < steps; i++)
        {
            QuoteRequest RandomTrip(string rider) =>
                Trip(At(rng.Next(-6, 7), rng.Next(-6, 7)), At(rng.Next(-6, 7) + 0.5, rng.Next(-6, 7)), h.Clock.GetUtcNow().AddMinutes(rng.Next(0, 240)), rng.Next(1, 4));
            int carried = plans.Advanced;
            double action = rng.NextDouble();
            if (action < 0.1 && booked.Count > 0)
            {
                var (id, rider) = booked[rng.Next(booked.Count)];
                booked.Remove((id, rider));
                var cancelled = h.Engine.CancelBookingAsync(CallerIdentity.Rider(rider), id).GetAwaiter().GetResult();
                Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
                counts.Cancellations++;
            }
            else if (action < 0.3)
            {
                // A fix near where the bus is, on a stop of its route, or where it already stands (which changes nothing).
                string vehicle = $"bus-{rng.Next(vehicles)}";
                var (position, route) = h.Engine.ReadPlannerAsync((_, c) =>
                    (c.State.Vehicles[vehicle].LastPosition, c.State.RouteOf(vehicle))).GetAwaiter().GetResult();
                if (position is not GeoPoint at) continue;
                double kind = rng.NextDouble();
                var to = kind < 0.2 ? at
                    : kind < 0.4 && !route.IsEmpty ? h.Engine.ReadPlannerAsync((_, c) => c.State.Tasks[route[0].TaskId].Pickup).GetAwaiter().GetResult()
                    : new GeoPoint(at.Latitude + (rng.NextDouble() - 0.5) / 100, at.Longitude + (rng.NextDouble() - 0.5) / 60);
                h.Clock.Advance(TimeSpan.FromSeconds(rng.Next(0, 30)));
                var fixedAt = h.Engine.ReportPositionAsync(CallerIdentity.Driver(vehicle), vehicle, to).GetAwaiter().GetResult();
                Assert.True(fixedAt.IsSuccess, fixedAt.Error?.Message);
                if (plans.Advanced > carried) counts.Fixes++;
            }
            else if (action < 0.45)
            {
                // The next stop event of a bus on shift with stops to serve (drawn among those, so that rides run to
                // their drop-off often enough): arrival at its first stop, then boarding (or a no-show) or drop-off.
                var next = h.Engine.ReadPlannerAsync((_, c) =>
                {
                    var serving = Enumerable.Range(0, vehicles).Select(v => $"bus-{v}")
                        .Where(v => c.State.Vehicles[v].State == VehicleShiftState.OnShift && !c.State.RouteOf(v).IsEmpty).ToList();
                    if (serving.Count == 0) return ((string, StopEventKind, string)?)null;
                    string vehicle = serving[rng.Next(serving.Count)];
                    var first = c.State.RouteOf(vehicle)[0];
                    if (!c.State.ArrivedAt.TryGetValue(vehicle, out var at) || at != first.TaskId) return (vehicle, StopEventKind.Arrived, first.TaskId);
                    if (first.Kind == StopKind.Delivery) return (vehicle, StopEventKind.DroppedOff, first.TaskId);
                    return (vehicle, rng.NextDouble() < 0.3 ? StopEventKind.NoShow : StopEventKind.Boarded, first.TaskId);
                }).GetAwaiter().GetResult();
                if (next is not var (vehicle, kind, task)) continue;
                h.Clock.Advance(TimeSpan.FromSeconds(rng.Next(0, 120)));
                var reported = h.Engine.ReportStopEventAsync(CallerIdentity.Driver(vehicle), new StopEvent(vehicle, kind, task)).GetAwaiter().GetResult();
                Assert.True(reported.IsSuccess, reported.Error?.Message);
                if (kind != StopEventKind.Arrived) booked.RemoveAll(b => b.Id == task);
                if (plans.Advanced > carried)
                {
                    counts.StopEvents++;
                    counts.StopKinds.Add(kind);
                }
            }
            else if (action < 0.5)
            {
                h.Clock.Advance(TimeSpan.FromMinutes(rng.Next(1, 10)));
            }
            else if (action < 0.6)
            {
                h.Engine.ReoptimiseAsync().GetAwaiter().GetResult();
            }
            else
            {
                var rider = "r" + i;
                var q = h.Engine.RequestQuoteAsync(CallerIdentity.Rider(rider), RandomTrip(rider)).GetAwaiter().GetResult();
                if (q.Value?.Offer is { } offer && action < 0.9)
                {
                    var c = h.Engine.ConfirmOfferAsync(CallerIdentity.Rider(rider), offer.OfferId).GetAwaiter().GetResult();
                    Assert.True(c.IsSuccess, c.Error?.Message);
                    booked.Add((c.Value!.Id, rider));
                }
            }
            // Probe the carried plan (as the engine holds it) and a fresh one with the same quotes.
            for (int k = 0; k < 3; k++)
            {
                var from = P(rng.Next(-6, 7), rng.Next(-6, 7));
                var to = P(rng.Next(-6, 7) + 0.5, rng.Next(-6, 7));
                var task = NewTask(h, from, to, h.Clock.GetUtcNow().AddMinutes(rng.Next(0, 240)));
                var (carriedAnswer, fresh) = h.Engine.ReadPlannerAsync((planner, c) =>
                {
                    double now = EngineClock.ToSeconds(h.Clock.GetUtcNow());
                    var usable = planner.UsableDuties(now);
                    var travel = planner.TravelFor(task, now);
                    var (duties, needs) = InsertionPrefilter.Select(c.State, planner.EligibleDuties(usable, task, now), task, now, travel);
                    return (Answer(plans.For(usable, travel, task, now), c.State, task, now, duties, needs),
                        Answer(PreparedPlan.Build(c.State, usable, task, now, travel, c.Options), c.State, task, now, duties, needs));
                }).GetAwaiter().GetResult();
                Assert.Equal(fresh, carriedAnswer);
                Assert.True(plans.LastFallback?.StartsWith("failed", StringComparison.Ordinal) != true, plans.LastFallback);
                if (fresh.Length > 0) counts.Options++;
            }
        }
        counts.Carried += plans.Advanced;
        return true;
    }

    /// <summary>The plan's options for <paramref name="task"/>, each named by duty and task ids instead of indices.</summary>
    private static string[] Answer(PreparedPlan plan, EngineState state, TaskRecord task, double now, IReadOnlyList<Duty> duties, TravelNeeds needs)
    {
        var insertion = plan.Rent();
        var options = insertion.Find(state, task, now, duties, needs, 8);
        Assert.True(options is not null, "the plan does not describe every selected duty where its vehicle is");
        plan.Return(insertion);
        string Name(ScheduledStop s) => (s.Request == plan.RequestSlot ? "new" : plan.TaskIds[s.Request]) + "/" + s.Kind + $"@{s.Arrival:R}/{s.ServiceStart:R}/{s.Departure:R}";
        return options.Select(o => $"{plan.Duties[o.Vehicle]} {o.PickupPosition} {o.DeliveryPosition} {o.CostDelta:R} {o.PickupTime:R} {o.DeliveryTime:R}: "
            + string.Join(" ", o.Route.Stops.Select(Name))).ToArray();
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
