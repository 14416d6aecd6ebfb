using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Views;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// A re-optimisation round searches only when something it would search changed: the plan (a booking, a cancellation), the
/// requests within the horizon or the duties; a quiet plan's rounds answer <see cref="ReoptimisationStatus.Unchanged"/>.
/// </summary>
public sealed class RoundSkipTests
{
    private static readonly ReoptimisationStatus[] Searched = [ReoptimisationStatus.Adopted, ReoptimisationStatus.NotImproved, ReoptimisationStatus.Stale];

    [Fact]
    public async Task An_unchanged_plan_is_not_searched_again_and_a_new_booking_makes_the_next_round_search()
    {
        var h = await CreateAsync();
        await BookSomeAsync(h, 6);
        await SearchUntilNothingBetterAsync(h);

        int events = h.Store.Count;
        var again = await h.Engine.ReoptimiseAsync();
        Assert.Equal(ReoptimisationStatus.Unchanged, again.Status);
        Assert.Equal(again.CostBefore, again.CostAfter);
        Assert.Equal(events, h.Store.Count);

        // The clock moving on (no request comes within the horizon, no pickup is due) changes nothing to search.
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ReoptimisationStatus.Unchanged, (await h.Engine.ReoptimiseAsync()).Status);

        await h.BookAsync("late-rider", Trip(At(1, 1), At(-2, 2), h.Clock.GetUtcNow().AddMinutes(25)));
        Assert.Contains((await h.Engine.ReoptimiseAsync()).Status, Searched);
    }

    [Fact]
    public async Task A_cancelled_booking_makes_the_next_round_search()
    {
        var h = await CreateAsync();
        var booked = await BookSomeAsync(h, 5);
        await SearchUntilNothingBetterAsync(h);
        Assert.Equal(ReoptimisationStatus.Unchanged, (await h.Engine.ReoptimiseAsync()).Status);

        var cancelled = await h.Engine.CancelBookingAsync(CallerIdentity.Rider("r2"), booked[2].Id);
        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
        Assert.Contains((await h.Engine.ReoptimiseAsync()).Status, Searched);
    }

    /// <summary>Books <paramref name="count"/> trips departing 10–30 minutes from the harness's start on three buses.</summary>
    private static async Task<List<Booking>> BookSomeAsync(Harness h, int count)
    {
        await h.AddVehicleAsync("bus-1", seats: 3, depot: P(-3, -3));
        await h.AddVehicleAsync("bus-2", seats: 3, depot: P(3, 3));
        await h.AddVehicleAsync("bus-3", seats: 3, depot: P(0, 0));
        var rng = new Random(3);
        var booked = new List<Booking>();
        for (int i = 0; i < count; i++)
            booked.Add(await h.BookAsync("r" + i, Trip(At(rng.Next(-4, 5), rng.Next(-4, 5)), At(rng.Next(-4, 5) + 0.5, rng.Next(-4, 5)), Start.AddMinutes(10 + 4 * i))));
        return booked;
    }

    /// <summary>Runs rounds until one finds nothing cheaper (an adopted plan is searched once more from where it is).</summary>
    private static async Task SearchUntilNothingBetterAsync(Harness h)
    {
        for (int round = 0; round < 10; round++)
        {
            var result = await h.Engine.ReoptimiseAsync();
            Assert.Contains(result.Status, Searched);
            if (result.Status == ReoptimisationStatus.NotImproved) return;
        }
        Assert.Fail("ten rounds in a row adopted a cheaper plan");
    }
}
