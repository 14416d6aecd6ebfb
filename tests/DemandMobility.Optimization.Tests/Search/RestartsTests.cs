using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Search.Phases;
using DemandMobility.Optimization.Tests.Insertion;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

/// <summary>Episode starts of <see cref="Restarts"/>: the relinking start removes where two elites disagree, once.</summary>
public class RestartsTests
{
    private static (SearchContext Ctx, SearchState Best, SearchState Partner) TwoElites()
    {
        var lp = new LineProblem();
        // Vehicle 0 starts at 0 near requests 0 and 1, vehicle 1 at 100 near requests 2 and 3; both end at 0.
        lp.AddVehicle(new LoadVector(4));
        lp.AddVehicle(new LoadVector(4), startX: 100);
        lp.AddRequest(1, 3, LineProblem.Any, LineProblem.Any);
        lp.AddRequest(5, 7, LineProblem.Any, LineProblem.Any);
        lp.AddRequest(101, 103, LineProblem.Any, LineProblem.Any);
        lp.AddRequest(105, 107, LineProblem.Any, LineProblem.Any);
        var p = lp.Build();
        var (ctx, best) = SearchStateFixture.Build(p, LineProblem.Plan(
            (0, new[] { (0, StopKind.Pickup), (0, StopKind.Delivery), (1, StopKind.Pickup), (1, StopKind.Delivery) }),
            (1, new[] { (2, StopKind.Pickup), (3, StopKind.Pickup), (2, StopKind.Delivery), (3, StopKind.Delivery) })), 3);
        // The partner agrees on requests 0 and 1 and serves 2 and 3 one after the other.
        var partner = SearchStateFixture.Build(p, LineProblem.Plan(
            (0, new[] { (0, StopKind.Pickup), (0, StopKind.Delivery), (1, StopKind.Pickup), (1, StopKind.Delivery) }),
            (1, new[] { (2, StopKind.Pickup), (2, StopKind.Delivery), (3, StopKind.Pickup), (3, StopKind.Delivery) })), 3).State;
        return (ctx, best, partner);
    }

    private static string Stops(SearchState s, int vehicle) =>
        string.Join(",", s.Routes[vehicle].Stops.ToArray().Select(x => $"{x.Kind}{x.Request}"));

    [Fact]
    public void Relinking_start_rebuilds_only_where_the_elites_differ_and_applies_once()
    {
        var (ctx, best, partner) = TwoElites();
        var tracker = new BestTracker(best.Clone(), best.TrueCost(ctx), () => { });
        // No random share: an ordinary episode start is the best itself.
        var restarts = new Restarts(ctx, tracker, episodeRuinShare: 0);
        var state = best.Clone();

        restarts.RelinkNext(partner);
        Assert.Equal("Pickup2,Pickup3,Delivery2,Delivery3", Stops(state, 1));
        restarts.FreshStart(state);

        // Requests 2 and 3 were taken out and reinserted where they are cheapest (one after the other); 0 and 1 stay.
        Assert.Equal(Stops(best, 0), Stops(state, 0));
        Assert.Empty(state.Unassigned);
        Assert.Equal("Pickup2,Delivery2,Pickup3,Delivery3", Stops(state, 1));

        restarts.FreshStart(state);
        Assert.Equal(Stops(best, 1), Stops(state, 1));
    }

    [Fact]
    public void Relinking_with_an_identical_partner_keeps_the_best()
    {
        var (ctx, best, _) = TwoElites();
        var tracker = new BestTracker(best.Clone(), best.TrueCost(ctx), () => { });
        var restarts = new Restarts(ctx, tracker, episodeRuinShare: 0);
        var state = best.Clone();

        restarts.RelinkNext(best.Clone());
        restarts.FreshStart(state);

        Assert.Equal(Stops(best, 0), Stops(state, 0));
        Assert.Equal(Stops(best, 1), Stops(state, 1));
    }
}
