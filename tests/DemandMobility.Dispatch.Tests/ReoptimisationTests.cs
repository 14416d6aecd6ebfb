using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Views;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

public sealed class ReoptimisationTests
{
    [Fact]
    public async Task Empty_plan_has_nothing_to_optimise()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        Assert.Equal(ReoptimisationStatus.Empty, (await h.Engine.ReoptimiseAsync()).Status);
    }

    [Fact]
    public async Task Reoptimisation_keeps_every_promise_and_never_raises_the_cost()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", seats: 3, depot: P(-4, -4));
        await h.AddVehicleAsync("bus-2", seats: 3, depot: P(4, 4));
        await h.AddVehicleAsync("bus-3", seats: 3, depot: P(0, 0));
        var rng = new Random(5);
        var confirmed = new List<Booking>();
        for (int i = 0; i < 14; i++)
        {
            var q = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("r" + i),
                Trip(At(rng.Next(-5, 6), rng.Next(-5, 6)), At(rng.Next(-5, 6) + 0.5, rng.Next(-5, 6)), Start.AddMinutes(rng.Next(5, 120))));
            if (q.Value!.Offer is not { } offer) continue;
            confirmed.Add((await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("r" + i), offer.OfferId)).Value!);
        }
        Assert.True(confirmed.Count >= 8);
        int events = h.Store.Count;

        var result = await h.Engine.ReoptimiseAsync();

        Assert.Contains(result.Status, new[] { ReoptimisationStatus.Adopted, ReoptimisationStatus.NotImproved });
        Assert.True(result.CostAfter <= result.CostBefore + 1e-6);
        Assert.Equal(events + (result.Status == ReoptimisationStatus.Adopted ? 1 : 0), h.Store.Count);
        var current = new List<Booking>();
        foreach (var b in confirmed) current.Add((await h.ViewAsync(b.Id)).Booking);
        PromisePropertyTests.AssertPromisesHold(h, current);

        // The adopted plan survives a restart like any other.
        var plan = await h.Engine.GetPlanAsync();
        await h.ReopenAsync();
        var replayed = await h.Engine.GetPlanAsync();
        Assert.Equal(plan.Keys.Order(), replayed.Keys.Order());
        foreach (var k in plan.Keys) Assert.Equal(plan[k].AsEnumerable(), replayed[k].AsEnumerable());
    }
}
