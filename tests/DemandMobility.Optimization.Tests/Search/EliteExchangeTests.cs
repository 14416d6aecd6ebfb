using DemandMobility.Optimization.Search;
using DemandMobility.Optimization.Search.Alns;
using DemandMobility.Optimization.Tests.Insertion;
using DemandMobility.Optimization.Model;
using Xunit;

namespace DemandMobility.Optimization.Tests.Search;

public class EliteExchangeTests
{
    private static SearchState State()
    {
        var lp = new LineProblem();
        lp.AddVehicle(new LoadVector(1));
        lp.AddRequest(0, 10, LineProblem.Any, LineProblem.Any);
        return SearchStateFixture.Build(lp.Build(), null, 1).State;
    }

    [Fact]
    public void Synchronous_exchange_waits_for_the_other_worker_and_hands_over_the_cheaper_post()
    {
        var exchange = new EliteExchange(2, synchronous: true, stallRounds: 0);
        var cheap = State();
        (SearchState State, double Cost)? got0 = null, got1 = null;
        var t0 = new Thread(() => got0 = exchange.Exchange(0, 0, State(), 10, 0));
        t0.Start();
        // Worker 0 must still be waiting: worker 1 has not posted round 0.
        Assert.False(t0.Join(200));
        got1 = exchange.Exchange(1, 0, cheap, 5, 0);
        Assert.True(t0.Join(TimeSpan.FromSeconds(10)));

        Assert.Null(got1);
        Assert.NotNull(got0);
        Assert.Same(cheap, got0!.Value.State);
        Assert.Equal(5, got0.Value.Cost);
    }

    [Fact]
    public void A_finished_worker_is_not_waited_for()
    {
        var exchange = new EliteExchange(2, synchronous: true, stallRounds: 0);
        exchange.Finish(1);
        Assert.Null(exchange.Exchange(0, 0, State(), 10, 0));
    }

    [Fact]
    public void Asynchronous_exchange_takes_the_latest_post_without_waiting()
    {
        var exchange = new EliteExchange(2, synchronous: false, stallRounds: 0);
        Assert.Null(exchange.Exchange(0, 0, State(), 10, 0));
        var cheap = State();
        Assert.Null(exchange.Exchange(1, 0, cheap, 4, 0));
        var got = exchange.Exchange(0, 1, State(), 9, 0);
        Assert.Same(cheap, got!.Value.State);
    }

    [Fact]
    public void Equal_costs_go_to_the_lower_worker_index()
    {
        var exchange = new EliteExchange(2, synchronous: false, stallRounds: 0);
        var first = State();
        Assert.Null(exchange.Exchange(0, 0, first, 7, 0));
        Assert.Same(first, exchange.Exchange(1, 0, State(), 7, 0)!.Value.State);
        Assert.Null(exchange.Exchange(0, 1, State(), 7, 0));
    }

    [Fact]
    public void A_cheaper_post_is_taken_over_only_by_a_worker_stalled_for_the_given_rounds()
    {
        var exchange = new EliteExchange(2, synchronous: false, stallRounds: 2);
        var cheap = State();
        Assert.Null(exchange.Exchange(1, 0, cheap, 4, 0));
        // Worker 0 still improves (0 rounds stalled), then has stalled for one round: it keeps its own best.
        Assert.Null(exchange.Exchange(0, 0, State(), 9, 0));
        Assert.Null(exchange.Exchange(0, 1, State(), 9, 1));
        Assert.Same(cheap, exchange.Exchange(0, 2, State(), 9, 2)!.Value.State);
        // A stalled worker that holds the cheapest best keeps it.
        Assert.Null(exchange.Exchange(1, 1, cheap, 4, 5));
    }

    [Fact]
    public void A_negative_stall_count_is_refused_by_name() =>
        Assert.Equal("stallRounds", Assert.Throws<ArgumentOutOfRangeException>(() => new EliteExchange(2, synchronous: false, stallRounds: -1)).ParamName);
}
