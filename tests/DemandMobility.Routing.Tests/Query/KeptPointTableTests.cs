using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Tests.Contraction;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Routing.Tests.Query;

public class KeptPointTableTests
{
    [Fact]
    public void Property_kept_tables_equal_the_plain_table_on_random_graphs_across_calls_clears_and_compactions()
    {
        var gen = from w in Gen.Choose(2, 7)
                  from h in Gen.Choose(2, 7)
                  from seed in Gen.Choose(0, 1_000_000)
                  from turns in Gen.Elements(true, false)
                  select (w, h, seed, turns);
        Prop.ForAll(Arb.From(gen), c =>
        {
            var g = TestNetworks.RandomGrid(c.w, c.h, c.seed);
            var contraction = new ContractionOptions(SimulationSettledLimit: 5, ContractionSettledLimit: 8);
            var router = c.turns ? RoadRouter.Build(g, contraction: contraction) : RoadRouter.BuildNodeBased(g, contraction: contraction);
            var rnd = new Random(c.seed);
            GeoCoordinate Point() => new(TestNetworks.BaseLat + rnd.NextDouble() * 0.0018 * c.h, TestNetworks.BaseLon + rnd.NextDouble() * 0.0027 * c.w);
            // A pool of "planned stops" asked about again and again; a small bound and compaction threshold make the
            // table clear and compact within the run.
            var pool = Enumerable.Range(0, 12).Select(_ => Point()).ToArray();
            var kept = new KeptPointTable(router, maxPoints: rnd.Next(2) == 0 ? 9 : 100, minPendingBeforeCompaction: 8);
            for (int call = 0; call < 16; call++)
            {
                var fresh = Enumerable.Range(0, rnd.Next(1, 3)).Select(_ => rnd.Next(4) == 0 ? Near(pool[rnd.Next(pool.Length)], rnd) : Point()).ToList();
                var asked = Enumerable.Range(0, rnd.Next(0, 8)).Select(_ => pool[rnd.Next(pool.Length)]).ToList();
                if (rnd.Next(5) == 0)
                {
                    // A new plan: only some of the stops stay (dropped points are kept again when asked).
                    var live = pool.Where(_ => rnd.Next(2) == 0).ToHashSet();
                    kept.Retain(live);
                    var (targets, sources) = kept.Count;
                    if (targets > live.Count || sources > live.Count) return false;
                }
                if (rnd.Next(3) == 0)
                {
                    var others = Enumerable.Range(0, rnd.Next(0, 8)).Select(_ => pool[rnd.Next(pool.Length)]).ToList();
                    var around = kept.Around(fresh, asked, others);
                    if (!Same(around.FromFresh, router.Table(new TableRequest(fresh, asked)))
                        || !Same(around.ToFresh, router.Table(new TableRequest(others, fresh)))
                        || !Same(around.Between, router.Table(new TableRequest(fresh, fresh))))
                        return false;
                    continue;
                }
                bool toKept = rnd.Next(2) == 0;
                var got = toKept ? kept.ToKept(fresh, asked) : kept.FromKept(asked, fresh);
                var want = toKept ? router.Table(new TableRequest(fresh, asked)) : router.Table(new TableRequest(asked, fresh));
                if (!got.DurationsMs.SequenceEqual(want.DurationsMs) || !got.DistancesDm.SequenceEqual(want.DistancesDm)
                    || got.SourceCount != want.SourceCount || got.DestinationCount != want.DestinationCount)
                    return false;
            }
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    [Fact]
    public void Kept_tables_equal_the_plain_table_on_the_real_extract_and_keep_each_point_once()
    {
        var router = RealRegion.Router;
        var g = router.Graph;
        var rnd = new Random(12);
        GeoCoordinate Point() => new(g.LatitudesE7[rnd.Next(g.NodeCount)] * 1e-7 + (rnd.NextDouble() - 0.5) * 0.002,
            g.LongitudesE7[rnd.Next(g.NodeCount)] * 1e-7 + (rnd.NextDouble() - 0.5) * 0.003);
        var stops = Enumerable.Range(0, 300).Select(_ => Point()).ToArray();
        var kept = new KeptPointTable(router);
        int reachable = 0;
        for (int call = 0; call < 20; call++)
        {
            // Two new points (sometimes beside a stop on its road) against 150 of the stops, both ways.
            var fresh = new List<GeoCoordinate> { Point(), call % 3 == 0 ? Near(stops[call], rnd) : Point() };
            var asked = Enumerable.Range(0, 150).Select(_ => stops[rnd.Next(stops.Length)]).Distinct().ToList();
            var rows = kept.ToKept(fresh, asked);
            var wantRows = router.Table(new TableRequest(fresh, asked));
            Assert.Equal(wantRows.DurationsMs, rows.DurationsMs);
            Assert.Equal(wantRows.DistancesDm, rows.DistancesDm);
            var cols = kept.FromKept(asked, fresh);
            var wantCols = router.Table(new TableRequest(asked, fresh));
            Assert.Equal(wantCols.DurationsMs, cols.DurationsMs);
            Assert.Equal(wantCols.DistancesDm, cols.DistancesDm);
            reachable += rows.DurationsMs.Count(d => d != TableResult.Unreachable);
            var around = kept.Around(fresh, asked, asked);
            Assert.True(Same(around.FromFresh, wantRows));
            Assert.True(Same(around.ToFresh, wantCols));
            Assert.True(Same(around.Between, router.Table(new TableRequest(fresh, fresh))));
        }
        // About 120 distinct stops per call; a few random points lie off the road network.
        Assert.True(reachable > 20 * 2 * 60, $"only {reachable} reachable cells");
        var (targets, sources) = kept.Count;
        Assert.InRange(targets, 150, stops.Length);
        Assert.InRange(sources, 150, stops.Length);
        long before = kept.Entries;
        Assert.True(before > 0);

        // A plan of ten of the stops: the others' entries go (compacted away), the ten still answer exactly.
        var live = stops.Take(10).ToList();
        kept.Retain(live.ToHashSet());
        Assert.True(kept.Count.Targets <= 10 && kept.Count.Sources <= 10);
        Assert.True(kept.Entries < before / 4, $"{kept.Entries} of {before} entries left");
        var fresh2 = new List<GeoCoordinate> { Point(), Point() };
        var again = kept.Around(fresh2, live, live);
        Assert.True(Same(again.FromFresh, router.Table(new TableRequest(fresh2, live))));
        Assert.True(Same(again.ToFresh, router.Table(new TableRequest(live, fresh2))));
    }

    [Fact]
    public void Concurrent_tables_with_clears_equal_the_plain_table()
    {
        var g = TestNetworks.RandomGrid(12, 12, seed: 5);
        var router = RoadRouter.Build(g, contraction: new ContractionOptions(SimulationSettledLimit: 5, ContractionSettledLimit: 8));
        var kept = new KeptPointTable(router, maxPoints: 20, minPendingBeforeCompaction: 16);
        var failures = 0;
        var done = Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, w =>
        {
            var rnd = new Random(w);
            GeoCoordinate Point() => new(TestNetworks.BaseLat + rnd.NextDouble() * 0.0018 * 12, TestNetworks.BaseLon + rnd.NextDouble() * 0.0027 * 12);
            for (int k = 0; k < 50; k++)
            {
                var fresh = new List<GeoCoordinate> { Point() };
                var asked = Enumerable.Range(0, 6).Select(_ => Point()).ToList();
                var got = kept.ToKept(fresh, asked);
                var want = router.Table(new TableRequest(fresh, asked));
                if (!got.DurationsMs.SequenceEqual(want.DurationsMs)) Interlocked.Increment(ref failures);
            }
        });
        Assert.True(done.IsCompleted);
        Assert.Equal(0, failures);
    }

    private static bool Same(TableResult a, TableResult b) =>
        a.SourceCount == b.SourceCount && a.DestinationCount == b.DestinationCount
        && a.DurationsMs.SequenceEqual(b.DurationsMs) && a.DistancesDm.SequenceEqual(b.DistancesDm);

    /// <summary>A point a few metres from <paramref name="p"/>: usually on the same road, so the direct drive along it counts.</summary>
    private static GeoCoordinate Near(GeoCoordinate p, Random rnd) =>
        new(p.Latitude + (rnd.NextDouble() - 0.5) * 0.0002, p.Longitude + (rnd.NextDouble() - 0.5) * 0.0003);
}
