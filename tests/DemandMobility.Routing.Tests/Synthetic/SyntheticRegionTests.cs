using DemandMobility.Routing.Extract;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Search;
using DemandMobility.Routing.Synthetic;
using DemandMobility.Routing.Tests.TestMaps;
using Xunit;

namespace DemandMobility.Routing.Tests.Synthetic;

public sealed class SyntheticRegionTests : IDisposable
{
    private readonly List<string> _files = new();

    public void Dispose()
    {
        foreach (string f in _files)
            File.Delete(f);
    }

    private (string Path, SyntheticRegionSummary Summary) Generate(int roadNodes, int seed)
    {
        string path = TestPaths.TempFile();
        _files.Add(path);
        return (path, SyntheticRegion.Write(path, roadNodes, seed));
    }

    [Fact]
    public void Same_seed_gives_the_same_file_and_another_seed_a_different_one()
    {
        var (a, _) = Generate(2_000, 5);
        var (b, _) = Generate(2_000, 5);
        var (c, _) = Generate(2_000, 6);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
    }

    [Theory]
    [InlineData(2_000)]
    [InlineData(10_000)]
    public void Size_is_close_to_the_target(int target)
    {
        var (path, summary) = Generate(target, 1);
        Assert.InRange(summary.RoadNodes, target * 0.85, target * 1.2);
        // The summary agrees with what a reader sees in the file.
        using var reader = PbfReader.Open(path);
        var roadNodeIds = new HashSet<long>();
        int nodes = 0, ways = 0;
        foreach (var e in reader.ReadElements())
        {
            if (e is OsmNode) nodes++;
            if (e is OsmWay w) { ways++; roadNodeIds.UnionWith(w.NodeIds); }
        }
        Assert.Equal(summary.Nodes, nodes);
        Assert.Equal(summary.Ways, ways);
        Assert.Equal(summary.RoadNodes, roadNodeIds.Count);
    }

    [Fact]
    public void Region_has_places_pois_and_all_road_features()
    {
        var (path, summary) = Generate(10_000, 3);
        var places = new Dictionary<string, int>();
        var pois = new Dictionary<string, int>();
        using (var reader = PbfReader.Open(path))
            foreach (var e in reader.ReadElements())
                if (e is OsmNode n)
                {
                    if (n.Tags["place"] is { } p)
                    {
                        Assert.NotNull(n.Tags["name"]);
                        places[p] = places.GetValueOrDefault(p) + 1;
                    }
                    foreach (var key in new[] { "amenity", "shop", "railway" })
                        if (n.Tags[key] is { } v)
                        {
                            Assert.NotNull(n.Tags["name"]);
                            pois[v] = pois.GetValueOrDefault(v) + 1;
                        }
                }
        Assert.True(places.GetValueOrDefault("village") > 50);
        Assert.True(places.GetValueOrDefault("hamlet") > 10);
        Assert.True(places.GetValueOrDefault("town") >= 1);
        Assert.Equal(summary.Villages, places["village"] + places["town"]);
        foreach (string poi in new[] { "school", "doctors", "supermarket", "station" })
            Assert.True(pois.GetValueOrDefault(poi) > 0, poi);

        var result = GraphExtractor.Extract(path);
        var g = result.Graph;
        var classes = new HashSet<RoadClass>();
        for (int e = 0; e < g.EdgeCount; e++)
            classes.Add((RoadClass)g.EdgeRoadClass[e]);
        foreach (var cls in new[] { RoadClass.Motorway, RoadClass.Primary, RoadClass.Secondary, RoadClass.Tertiary, RoadClass.Unclassified, RoadClass.Residential })
            Assert.Contains(cls, classes);
        Assert.True(summary.MotorwayInterchanges >= 1);
        Assert.True(result.Statistics.RestrictionsApplied >= 1);
        Assert.Equal(summary.Restrictions, result.Statistics.RestrictionsApplied);
        // Only the loose ends of the motorway's oneway carriageways fall outside the main component.
        Assert.True(result.Statistics.MainComponentNodes > 0.99 * g.NodeCount);
        Assert.True(HasOnewayEdge(g));
    }

    private static bool HasOnewayEdge(RoadGraph g)
    {
        for (int v = 0; v < g.NodeCount; v++)
            for (int e = g.FirstEdge[v]; e < g.FirstEdge[v + 1]; e++)
            {
                if (g.EdgeRoadClass[e] != (byte)RoadClass.Residential)
                    continue;
                int t = g.EdgeTarget[e];
                bool back = false;
                for (int f = g.FirstEdge[t]; f < g.FirstEdge[t + 1]; f++)
                    back |= g.EdgeTarget[f] == v;
                if (!back)
                    return true;
            }
        return false;
    }

    [Fact]
    public void Villages_far_apart_are_connected_with_plausible_speed()
    {
        var (path, _) = Generate(10_000, 9);
        var g = GraphExtractor.Extract(path).Graph;
        int first = -1, last = -1;
        for (int v = 0; v < g.NodeCount; v++)
            if (g.InMainComponent[v])
            {
                if (first < 0 || g.LatitudesE7[v] + g.LongitudesE7[v] > g.LatitudesE7[first] + g.LongitudesE7[first]) first = v;
                if (last < 0 || g.LatitudesE7[v] + g.LongitudesE7[v] < g.LatitudesE7[last] + g.LongitudesE7[last]) last = v;
            }
        var route = new Dijkstra(g).Route(first, last);
        Assert.True(route.Found);
        double straight = GeoMath.HaversineMeters(g.LatitudesE7[first], g.LongitudesE7[first], g.LatitudesE7[last], g.LongitudesE7[last]);
        double kmh = route.DistanceDm / 10.0 / (route.DurationMs / 1000.0) * 3.6;
        Assert.InRange(route.DistanceDm / 10.0, straight, straight * 2);
        Assert.InRange(kmh, 30, 95);
    }

    [Fact]
    public void Too_small_targets_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticRegion.Write(TestPaths.TempFile(), 10, 1));
    }
}
