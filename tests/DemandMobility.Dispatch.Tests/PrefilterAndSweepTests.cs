using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Optimization.Model;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// The quote path's shortcuts must not change answers: the time-window prefilter (straight-line lower bounds)
/// against an engine that tables the whole plan, and the sweep of expired offers against the log semantics.
/// </summary>
public sealed class PrefilterAndSweepTests
{
    /// <summary>The same network without a speed bound, so the engine cannot prune anything.</summary>
    private sealed class UnboundedTravel(ITravelTimeService inner) : ITravelTimeService
    {
        public SnapResult Snap(GeoPoint point) => inner.Snap(point);
        public TravelTable Table(IReadOnlyList<GeoPoint> sources, IReadOnlyList<GeoPoint> targets) => inner.Table(sources, targets);
        public RouteGeometry Route(IReadOnlyList<GeoPoint> waypoints) => inner.Route(waypoints);
    }

    [Fact]
    public void Pruned_quotes_give_the_same_offers_and_plan_as_full_tables()
    {
        var counts = new int[2];
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed => SameAnswers(seed, counts))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
        // Not vacuous: offers were made and compared, and some quotes were refused (the prefilter's edge).
        Assert.True(counts[0] > 100, $"{counts[0]} offers compared");
    }

    private static bool SameAnswers(int seed, int[] counts)
    {
        var rng = new Random(seed);
        var network = new StraightLineTravelTimeService(40);
        Assert.True(network.MaxSpeedMetresPerSecond > 0 && double.IsFinite(network.MaxSpeedMetresPerSecond));
        var pruned = Open(network);
        var full = Open(new UnboundedTravel(network));
        int vehicles = rng.Next(2, 5);
        for (int v = 0; v < vehicles; v++)
        {
            var depot = P(rng.Next(-8, 9), rng.Next(-8, 9));
            foreach (var e in new[] { pruned, full })
            {
                var r = e.RegisterVehicleAsync(Control, new VehicleRegistration($"bus-{v}", new LoadVector(3, 0, 0, 2), depot, Start, Start.AddHours(10)))
                    .GetAwaiter().GetResult();
                Assert.True(r.IsSuccess, r.Error?.Message);
                Assert.True(e.StartShiftAsync(Control, $"bus-{v}").GetAwaiter().GetResult().IsSuccess);
            }
        }
        var booked = new List<(string Rider, string Id)>();
        int steps = rng.Next(10, 30);
        for (int i = 0; i < steps; i++)
        {
            if (booked.Count > 0 && rng.NextDouble() < 0.1)
            {
                var victim = booked[rng.Next(booked.Count)];
                booked.Remove(victim);
                var a = pruned.CancelBookingAsync(CallerIdentity.Rider(victim.Rider), victim.Id).GetAwaiter().GetResult();
                var b = full.CancelBookingAsync(CallerIdentity.Rider(victim.Rider), victim.Id).GetAwaiter().GetResult();
                Assert.Equal(b.IsSuccess, a.IsSuccess);
                continue;
            }
            string rider = "r" + i;
            var from = At(rng.Next(-10, 11), rng.Next(-10, 11));
            var to = At(rng.Next(-10, 11) + 0.5, rng.Next(-10, 11));
            // Spread over the shift, so that most stops of the plan lie far from a new request in time.
            var when = Start.AddMinutes(rng.Next(0, 9 * 60));
            var request = rng.NextDouble() < 0.25
                ? new QuoteRequest(from, to, null, when.AddMinutes(40), rng.Next(1, 3))
                : new QuoteRequest(from, to, when, null, rng.Next(1, 3));
            var qa = pruned.RequestQuoteAsync(CallerIdentity.Rider(rider), request).GetAwaiter().GetResult();
            var qb = full.RequestQuoteAsync(CallerIdentity.Rider(rider), request).GetAwaiter().GetResult();
            Assert.Equal(qb.IsSuccess, qa.IsSuccess);
            if (!qa.IsSuccess) continue;
            Assert.Equal(qb.Value!.Offer, qa.Value!.Offer);
            Assert.Equal(qb.Value.Rejection?.Code, qa.Value.Rejection?.Code);
            Assert.Equal(qb.Value.Rejection?.AlternativeTimes.ToArray(), qa.Value.Rejection?.AlternativeTimes.ToArray());
            if (qa.Value.Offer is null)
            {
                counts[1]++;
                continue;
            }
            counts[0]++;
            var ca = pruned.ConfirmOfferAsync(CallerIdentity.Rider(rider), qa.Value.Offer.OfferId).GetAwaiter().GetResult();
            var cb = full.ConfirmOfferAsync(CallerIdentity.Rider(rider), qb.Value.Offer!.OfferId).GetAwaiter().GetResult();
            Assert.True(ca.IsSuccess && cb.IsSuccess, ca.Error?.Message ?? cb.Error?.Message);
            Assert.Equal(cb.Value, ca.Value);
            booked.Add((rider, ca.Value!.Id));
        }
        var planA = pruned.GetPlanAsync().GetAwaiter().GetResult();
        var planB = full.GetPlanAsync().GetAwaiter().GetResult();
        Assert.Equal(planB.Keys.Order(), planA.Keys.Order());
        foreach (var k in planA.Keys) Assert.Equal(planB[k].AsEnumerable(), planA[k].AsEnumerable());
        return true;
    }

    private static DispatchEngine Open(ITravelTimeService travel) =>
        DispatchEngine.OpenAsync(new DispatchOptions(), travel, new InMemoryDispatchStore(), new ManualTimeProvider(Start), new Random(42))
            .GetAwaiter().GetResult();

    [Fact]
    public async Task Expired_offers_are_forgotten_but_confirmed_bookings_stay_across_a_restart()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var kept = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(20)));
        var lapsed = await h.OfferAsync("ben", Trip(At(2, 0), At(6, 0), Start.AddMinutes(25)));

        // Just after the expiry the answer is still the precise one.
        h.Clock.Advance(h.Options.OfferExpiry + TimeSpan.FromSeconds(1));
        var expired = await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("ben"), lapsed.OfferId);
        Assert.Equal(DispatchErrorCode.Expired, expired.Error!.Code);

        // The next stored command after the sweep interval drops the offer from memory.
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.OfferAsync("cem", Trip(At(0, 1), At(4, 1), Start.AddHours(1)));
        var gone = await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("ben"), lapsed.OfferId);
        Assert.Equal(DispatchErrorCode.NotFound, gone.Error!.Code);
        Assert.Contains("new quote", gone.Error.Message);
        Assert.Equal(DispatchErrorCode.NotFound, (await h.Engine.GetBookingAsync(Control, lapsed.BookingId)).Error!.Code);
        Assert.Equal(BookingStatus.Confirmed, (await h.ViewAsync(kept.Id)).Booking.Status);

        // A restart replays the expired offer from the log and forgets it again; the confirmed booking stays.
        await h.ReopenAsync();
        Assert.Equal(DispatchErrorCode.NotFound, (await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("ben"), lapsed.OfferId)).Error!.Code);
        Assert.Equal(kept, (await h.ViewAsync(kept.Id)).Booking);
        var plan = await h.Engine.GetPlanAsync();
        Assert.Equal(2, plan["bus-1"].Count(s => s.SubjectId == kept.Id));
    }

    [Fact]
    public async Task Parallel_quotes_get_distinct_offers_and_a_parallel_retry_gets_the_first_answer()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", seats: 8);
        await h.AddVehicleAsync("bus-2", seats: 8, depot: P(3, 3));
        var trips = Enumerable.Range(0, 24).Select(i => Trip(At(i % 5, 1), At(5, i % 4), Start.AddMinutes(10 + i))).ToArray();
        var quotes = await Task.WhenAll(trips.Select((t, i) => Task.Run(() => h.Engine.RequestQuoteAsync(CallerIdentity.Rider("r" + i), t))));
        Assert.All(quotes, q => Assert.NotNull(q.Value?.Offer));
        Assert.Equal(quotes.Length, quotes.Select(q => q.Value!.Offer!.OfferId).Distinct().Count());
        Assert.Equal(quotes.Length, quotes.Select(q => q.Value!.Offer!.BookingId).Distinct().Count());

        var same = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => h.Engine.RequestQuoteAsync(CallerIdentity.Rider("dora"), trips[0], "key-1"))));
        Assert.Single(same.Select(q => q.Value!.Offer!.OfferId).Distinct());
        var confirmed = await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("dora"), same[0].Value!.Offer!.OfferId);
        Assert.True(confirmed.IsSuccess, confirmed.Error?.Message);
    }
}
