using DemandMobility.Routing.Matching;
using DemandMobility.Routing.Snapping;
using DemandMobility.Routing.Tests.Query;
using Xunit;
using Xunit.Abstractions;

namespace DemandMobility.Routing.Tests.Matching;

/// <summary>Map matching of synthetic noisy traces with known truth on the real north-Bayreuth graph.</summary>
public sealed class HmmMapMatcherTests(ITestOutputHelper output)
{
    private static readonly Lazy<HmmMapMatcher> Matcher = new(() => new HmmMapMatcher(RealRegion.Router.Graph));

    private (int Right, int Total, int Breaks) MatchMany(int traces, double interval, double noise, int seed)
    {
        var g = RealRegion.Router.Graph;
        var topology = EdgeTopology.Build(g);
        var random = new Random(seed);
        int right = 0, total = 0, breaks = 0;
        for (int k = 0; k < traces; k++)
        {
            var trace = SyntheticTraces.Drive(g, topology, random, interval, noise);
            var m = Matcher.Value.Match(trace.Fixes);
            breaks += m.Breaks;
            for (int i = 0; i < trace.Fixes.Count; i++)
            {
                total++;
                if (m.Fixes[i] is { } c && SyntheticTraces.SameRoad(g, topology, c.Edge, trace.TrueEdges[i])) right++;
            }
        }
        return (right, total, breaks);
    }

    [Theory]
    [InlineData(10, 7.07, 0.95)]
    [InlineData(30, 7.07, 0.93)]
    [InlineData(10, 10, 0.92)]
    public void At_10_m_noise_at_least_95_percent_of_fixes_land_on_the_true_edge(double interval, double noise, double atLeast)
    {
        // "10 m noise" = 10 m root-mean-square distance of a fix from the truth (7.07 m per axis). At 10 m per axis
        // (14 m RMS) fixes near junctions become a coin toss between the two edges meeting there: ~93.5 %. Fixes every
        // 30 s reach ~94.5 % (fewer fixes per edge to carry the context).
        var (right, total, breaks) = MatchMany(30, interval, noise, seed: 42);
        double share = (double)right / total;
        output.WriteLine($"interval {interval} s, noise σ {noise} m per axis: {right}/{total} = {share:P2} on the true directed road piece, {breaks} breaks");
        Assert.True(total > 500, $"only {total} fixes");
        Assert.True(share >= atLeast, $"{share:P2} of fixes on the true edge");
    }

    [Fact]
    public void Without_noise_nearly_every_fix_is_on_its_edge_and_traversals_follow_the_true_path()
    {
        var g = RealRegion.Router.Graph;
        var topology = EdgeTopology.Build(g);
        var trace = SyntheticTraces.Drive(g, topology, new Random(7), 15, 0);
        var m = Matcher.Value.Match(trace.Fixes);
        int right = Enumerable.Range(0, trace.Fixes.Count).Count(i => m.Fixes[i] is { } c && SyntheticTraces.SameRoad(g, topology, c.Edge, trace.TrueEdges[i]));
        Assert.True(right >= trace.Fixes.Count * 0.99, $"{right} of {trace.Fixes.Count}");
        Assert.Equal(0, m.Breaks);
        // The traversals chain into the true path: every edge passed is on it, in order, and time adds up.
        var passed = m.Traversals.SelectMany(t => t.Pieces.Select(p => p.Edge)).Distinct().ToList();
        Assert.All(passed, e => Assert.Contains(trace.PathEdges, t => SyntheticTraces.SameRoad(g, topology, e, t)));
        Assert.Equal(trace.Fixes[^1].Seconds - trace.Fixes[0].Seconds, m.Traversals.Sum(t => t.Seconds), 6);
    }

    [Fact]
    public void A_fix_far_from_every_road_stays_unmatched_and_a_jump_breaks_the_chain()
    {
        var g = RealRegion.Router.Graph;
        var topology = EdgeTopology.Build(g);
        var a = SyntheticTraces.Drive(g, topology, new Random(3), 20, 0, minSeconds: 120);
        var b = SyntheticTraces.Drive(g, topology, new Random(4), 20, 0, minSeconds: 120);
        var fixes = a.Fixes.Take(5).ToList();
        fixes.Add(new GpsFix(0, 0, fixes[^1].Seconds + 20)); // off the map
        // A different drive one second later: no road route can connect it, so the chain breaks.
        fixes.AddRange(b.Fixes.Take(5).Select(f => f with { Seconds = fixes[^1].Seconds + 1 + f.Seconds }));
        var m = Matcher.Value.Match(fixes);
        Assert.Null(m.Fixes[5]);
        Assert.True(m.Breaks >= 1);
        Assert.All(m.Traversals, t => Assert.True(t.ToFix <= 4 || t.FromFix >= 6));
    }

    [Fact]
    public void Invalid_options_are_named()
    {
        var e = Assert.Throws<ArgumentException>(() => new HmmMapMatcher(RealRegion.Router.Graph, new MatchOptions { SigmaMetres = 0, MaxCandidates = 0 }));
        Assert.Contains("SigmaMetres", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxCandidates", e.Message, StringComparison.Ordinal);
    }
}
