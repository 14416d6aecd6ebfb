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
/// The prepared plan carried to the next plan version where the plan changes (<see cref="PreparedPlans.Advance"/>)
/// against one prepared afresh from the same state: over random sequences of bookings, cancellations and quotes, every
/// probe quote gets the same insertion options (duty, positions, cost, times, stops) from both.
/// </summary>
public sealed class PreparedPlanAdvanceTests
{
    [Fact(Timeout = 180_000)]
    public Task A_carried_plan_answers_every_quote_as_a_freshly_prepared_one() => Task.Run(() =>
    {
        var counts = new int[3];
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => SameAnswers(seed, counts))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(20));
        // Guard against a vacuous pass: plans must have been carried many times and probes must have found options.
        Assert.True(counts[0] > 50, $"{counts[0]} plans carried to a new version");
        Assert.True(counts[1] > 100, $"{counts[1]} probe quotes with options");
        Assert.True(counts[2] > 10, $"{counts[2]} cancellations");
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
    public async Task A_vehicle_that_moved_falls_back_to_a_full_prepare_and_says_why()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", depot: P(0, 0));
        await h.BookAsync("r1", Trip(At(1, 0), At(4, 2), Start.AddMinutes(20)));
        var plans = await h.Engine.ReadPlannerAsync((p, _) => p.Prepared!);
        int prepared = plans.Prepared;

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await h.Engine.ReportPositionAsync(CallerIdentity.Driver("bus-1"), "bus-1", P(0.5, 0))).IsSuccess);
        Assert.NotNull(plans.LastFallback);
        await h.OfferAsync("r2", Trip(At(0, 1), At(2, 3), Start.AddMinutes(30)));
        Assert.Equal(prepared + 1, plans.Prepared);
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

    private static bool SameAnswers(int seed, int[] counts)
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
        int steps = rng.Next(20, 45);
        for (int i = 0; i < steps; i++)
        {
            QuoteRequest RandomTrip(string rider) =>
                Trip(At(rng.Next(-6, 7), rng.Next(-6, 7)), At(rng.Next(-6, 7) + 0.5, rng.Next(-6, 7)), h.Clock.GetUtcNow().AddMinutes(rng.Next(0, 240)), rng.Next(1, 4));
            double action = rng.NextDouble();
            if (action < 0.15 && booked.Count > 0)
            {
                var (id, rider) = booked[rng.Next(booked.Count)];
                booked.Remove((id, rider));
                var cancelled = h.Engine.CancelBookingAsync(CallerIdentity.Rider(rider), id).GetAwaiter().GetResult();
                Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
                counts[2]++;
            }
            else
            {
                var rider = "r" + i;
                var q = h.Engine.RequestQuoteAsync(CallerIdentity.Rider(rider), RandomTrip(rider)).GetAwaiter().GetResult();
                if (q.Value?.Offer is { } offer && action < 0.8)
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
                var (carried, fresh) = h.Engine.ReadPlannerAsync((planner, c) =>
                {
                    double now = EngineClock.ToSeconds(h.Clock.GetUtcNow());
                    var usable = planner.UsableDuties(now);
                    var travel = planner.TravelFor(task, now);
                    var (duties, needs) = InsertionPrefilter.Select(c.State, planner.EligibleDuties(usable, task, now), task, now, travel);
                    return (Answer(plans.For(usable, travel, task, now), c.State, task, now, duties, needs),
                        Answer(PreparedPlan.Build(c.State, usable, task, now, travel, c.Options), c.State, task, now, duties, needs));
                }).GetAwaiter().GetResult();
                Assert.Equal(fresh, carried);
                Assert.True(plans.LastFallback?.StartsWith("failed", StringComparison.Ordinal) != true, plans.LastFallback);
                if (fresh.Length > 0) counts[1]++;
            }
        }
        counts[0] += plans.Advanced;
        return true;
    }

    /// <summary>The plan's options for <paramref name="task"/>, each named by duty and task ids instead of indices.</summary>
    private static string[] Answer(PreparedPlan plan, EngineState state, TaskRecord task, double now, IReadOnlyList<Duty> duties, TravelNeeds needs)
    {
        var insertion = plan.Rent();
        var options = insertion.Find(state, task, now, duties, needs, 8)!;
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
