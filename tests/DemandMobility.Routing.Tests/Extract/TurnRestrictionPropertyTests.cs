using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Search;
using DemandMobility.Routing.Tests.TestMaps;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Routing.Tests.Extract;

/// <summary>
/// Node splitting must give the same shortest durations as an edge-based search that checks each turn
/// against the restrictions directly (the textbook way to route with turn restrictions). Random grid maps
/// of one-segment residential ways, random oneways and random valid via-node restrictions.
/// </summary>
public class TurnRestrictionPropertyTests
{
    private sealed record Segment(long Id, int A, int B, bool Forward, bool Backward);

    private sealed record Restriction(long From, int Via, long To, bool IsOnly);

    private sealed record RandomMap(int Size, List<Segment> Ways, List<Restriction> Restrictions, int[] Lat, int[] Lon);

    private static RandomMap Generate(int seed)
    {
        var random = new Random(seed);
        int k = random.Next(3, 6);
        int n = k * k;
        var lat = new int[n];
        var lon = new int[n];
        for (int i = 0; i < n; i++)
        {
            // ~100 m grid with jitter so that durations differ.
            lat[i] = 500_000_000 - (i / k) * 9_000 + random.Next(-2_000, 2_000);
            lon[i] = 110_000_000 + (i % k) * 14_000 + random.Next(-2_000, 2_000);
        }
        var ways = new List<Segment>();
        for (int i = 0; i < n; i++)
            foreach (int j in new[] { i + 1, i + k })
            {
                if ((j == i + 1 && i % k == k - 1) || j >= n || random.NextDouble() < 0.15)
                    continue;
                int kind = random.Next(10);
                bool forward = kind != 0, backward = kind != 1;
                ways.Add(random.Next(2) == 0
                    ? new Segment(ways.Count + 1, i, j, forward, backward)
                    : new Segment(ways.Count + 1, j, i, forward, backward));
            }
        var restrictions = new List<Restriction>();
        int count = random.Next(0, 6);
        for (int r = 0; r < count; r++)
        {
            int via = random.Next(n);
            var arriving = ways.Where(w => (w.B == via && w.Forward) || (w.A == via && w.Backward)).ToList();
            var leaving = ways.Where(w => (w.A == via && w.Forward) || (w.B == via && w.Backward)).ToList();
            if (arriving.Count == 0 || leaving.Count == 0)
                continue;
            var from = arriving[random.Next(arriving.Count)];
            var to = leaving[random.Next(leaving.Count)];
            if (restrictions.Any(x => x.From == from.Id && x.Via == via && x.IsOnly))
                continue; // one only_ rule per (from, via) keeps the semantics unambiguous
            bool isOnly = random.Next(3) == 0;
            if (isOnly && restrictions.Any(x => x.From == from.Id && x.Via == via))
                continue;
            restrictions.Add(new Restriction(from.Id, via, to.Id, isOnly));
        }
        return new RandomMap(k, ways, restrictions, lat, lon);
    }

    private static void Write(RandomMap map, string path)
    {
        using var writer = new PbfWriter(path);
        for (int i = 0; i < map.Lat.Length; i++)
            writer.WriteNode(i + 1, map.Lat[i], map.Lon[i], OsmTags.Empty);
        foreach (var w in map.Ways)
        {
            string? oneway = w.Forward && w.Backward ? null : w.Forward ? "yes" : "-1";
            var tags = oneway is null ? OsmTags.Of(("highway", "residential")) : OsmTags.Of(("highway", "residential"), ("oneway", oneway));
            writer.WriteWay(w.Id, [w.A + 1, w.B + 1], tags);
        }
        long id = 1;
        foreach (var r in map.Restrictions)
            writer.WriteRelation(id++,
            [
                new OsmMember(OsmMemberType.Way, r.From, "from"),
                new OsmMember(OsmMemberType.Node, r.Via + 1, "via"),
                new OsmMember(OsmMemberType.Way, r.To, "to"),
            ], OsmTags.Of(("type", "restriction"), ("restriction", r.IsOnly ? "only_straight_on" : "no_left_turn")));
    }

    /// <summary>Edge-based Dijkstra on the OSM-level map: state = (node, way arrived on).</summary>
    private static Dictionary<int, long> Reference(RandomMap map, int source)
    {
        int Duration(Segment w)
        {
            double m = GeoMath.HaversineMeters(map.Lat[w.A], map.Lon[w.A], map.Lat[w.B], map.Lon[w.B]);
            return Math.Max(1, (int)Math.Round(m * 3600.0 / 25)); // residential class speed, no settlement on the map
        }
        bool TurnAllowed(long fromWay, int via, long toWay)
        {
            foreach (var r in map.Restrictions)
            {
                if (r.From != fromWay || r.Via != via) continue;
                if (r.IsOnly ? r.To != toWay : r.To == toWay) return false;
            }
            return true;
        }
        var best = new Dictionary<(int Node, long Way), long>();
        var queue = new PriorityQueue<(int Node, long Way), long>();
        best[(source, 0)] = 0;
        queue.Enqueue((source, 0), 0);
        var result = new Dictionary<int, long>();
        while (queue.TryDequeue(out var state, out long d))
        {
            if (best[state] < d) continue;
            if (!result.ContainsKey(state.Node) || result[state.Node] > d) result[state.Node] = d;
            foreach (var w in map.Ways)
            {
                int next;
                if (w.A == state.Node && w.Forward) next = w.B;
                else if (w.B == state.Node && w.Backward) next = w.A;
                else continue;
                if (state.Way != 0 && !TurnAllowed(state.Way, state.Node, w.Id)) continue;
                long nd = d + Duration(w);
                var key = (next, w.Id);
                if (!best.TryGetValue(key, out long old) || nd < old)
                {
                    best[key] = nd;
                    queue.Enqueue(key, nd);
                }
            }
        }
        return result;
    }

    [Fact]
    public void Node_splitting_equals_edge_based_search()
    {
        Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var map = Generate(seed);
            string path = TestPaths.TempFile();
            ExtractionResult result;
            try
            {
                Write(map, path);
                result = GraphExtractor.Extract(path);
            }
            finally
            {
                File.Delete(path);
            }
            var g = result.Graph;
            Assert.Equal(map.Restrictions.Count, result.Statistics.RestrictionsApplied);
            var copies = new Dictionary<(int, int), List<int>>();
            for (int v = 0; v < g.NodeCount; v++)
            {
                var key = (g.LatitudesE7[v], g.LongitudesE7[v]);
                if (!copies.TryGetValue(key, out var list)) copies[key] = list = new List<int>();
                list.Add(v);
            }
            var dijkstra = new Dijkstra(g);
            var vias = map.Restrictions.Select(r => r.Via).ToHashSet();
            for (int s = 0; s < map.Lat.Length; s++)
            {
                // A journey starting at a restricted junction may leave in any direction, which no single
                // copy offers; start only at unrestricted nodes.
                if (vias.Contains(s) || !copies.TryGetValue((map.Lat[s], map.Lon[s]), out var sourceNodes))
                    continue;
                var all = dijkstra.OneToAll(sourceNodes[0]);
                var expected = Reference(map, s);
                for (int t = 0; t < map.Lat.Length; t++)
                {
                    if (!copies.TryGetValue((map.Lat[t], map.Lon[t]), out var targetNodes))
                        continue;
                    long actual = targetNodes.Min(v => (long)all.DurationMs[v]);
                    long want = expected.TryGetValue(t, out long d) ? d : Dijkstra.Unreachable;
                    Assert.True(want == actual, $"seed {seed}: {s} -> {t}: expected {want}, got {actual}");
                }
            }
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }
}
