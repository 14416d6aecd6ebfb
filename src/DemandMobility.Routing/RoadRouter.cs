using DemandMobility.Routing.Contraction;
using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Query;
using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing;

/// <summary>
/// The query engine's narrow API, modelled on OSRM's services: <see cref="Route"/>, <see cref="Table"/>,
/// <see cref="Nearest"/>. Thread-safe: the graph, hierarchy and snapping index are immutable and each query
/// rents its own search state from a pool, so any number of requests may run concurrently.
/// </summary>
public sealed class RoadRouter
{
    private readonly EdgeTopology _topology;
    private readonly SegmentGrid _grid;
    private readonly QueryStatePool _pool;
    private readonly SnapMemo _tableSnaps = new();
    private readonly Func<GeoCoordinate, SnappedPoint> _snapOne;

    /// <summary>Creates a router over a graph and its hierarchy (e.g. loaded from a graph file).</summary>
    public RoadRouter(RoadGraph graph, ContractionHierarchy hierarchy, RouterOptions? options = null)
    {
        if (graph.NodeCount != hierarchy.NodeCount)
            throw new ArgumentException($"Hierarchy has {hierarchy.NodeCount} nodes but the graph {graph.NodeCount}.", nameof(hierarchy));
        Graph = graph;
        Hierarchy = hierarchy;
        Options = options ?? RouterOptions.Default;
        if (!(Options.MaxSnapDistanceMetres > 0) || double.IsInfinity(Options.MaxSnapDistanceMetres))
            throw new ArgumentOutOfRangeException(nameof(options), Options.MaxSnapDistanceMetres, "RouterOptions.MaxSnapDistanceMetres must be a positive finite number of metres.");
        if (Options.MaxParallelism < 0)
            throw new ArgumentOutOfRangeException(nameof(options), Options.MaxParallelism, "RouterOptions.MaxParallelism must be 0 (all cores) or positive.");
        _topology = EdgeTopology.Build(graph);
        _grid = SegmentGrid.Build(graph, _topology);
        _pool = new QueryStatePool(hierarchy);
        _snapOne = p => Nearest(p.Latitude, p.Longitude);
    }

    /// <summary>Contracts the graph and creates a router over it.</summary>
    public static RoadRouter Build(RoadGraph graph, RouterOptions? options = null, ContractionOptions? contraction = null) =>
        new(graph, HierarchyBuilder.Build(graph, contraction), options);

    /// <summary>
    /// Router for a PBF via its graph file (see <see cref="Storage.GraphStore.LoadOrBuild"/>): loads the file
    /// when current, else builds and writes it.
    /// </summary>
    /// <exception cref="Storage.GraphStoreException">Neither an intact graph file nor the PBF is available.</exception>
    public static RoadRouter LoadOrBuild(string pbfPath, string? graphPath = null, RouterOptions? options = null)
    {
        var outcome = Storage.GraphStore.LoadOrBuild(pbfPath, graphPath);
        if (!outcome.IsOk) throw new Storage.GraphStoreException(outcome.Message);
        return new RoadRouter(outcome.Content!.Graph, outcome.Content.Hierarchy, options);
    }

    /// <summary>The road graph.</summary>
    public RoadGraph Graph { get; }

    /// <summary>The contraction hierarchy.</summary>
    public ContractionHierarchy Hierarchy { get; }

    /// <summary>Query settings.</summary>
    public RouterOptions Options { get; }

    /// <summary>Snaps a coordinate onto the nearest drivable main-component road within the snap radius.</summary>
    public SnappedPoint Nearest(double latitude, double longitude) =>
        _grid.Nearest(latitude, longitude, Options.MaxSnapDistanceMetres);

    /// <summary>Fastest route between two coordinates; expected failures are reported in the status.</summary>
    public RouteResult Route(RouteRequest request)
    {
        var from = Nearest(request.From.Latitude, request.From.Longitude);
        var to = Nearest(request.To.Latitude, request.To.Longitude);
        if (!from.IsSnapped) return new RouteResult(RouteStatus.FromNotSnapped, double.NaN, double.NaN, null, from, to);
        if (!to.IsSnapped) return new RouteResult(RouteStatus.ToNotSnapped, double.NaN, double.NaN, null, from, to);
        var r = RouteSnapped(from, to, request.IncludeGeometry, out var geometry);
        if (!r.Found) return new RouteResult(RouteStatus.NoRoute, double.NaN, double.NaN, null, from, to);
        return new RouteResult(RouteStatus.Ok, PathWeight.DurationMs(r.Weight) / 1000.0, PathWeight.DistanceDm(r.Weight) / 10.0, geometry, from, to);
    }

    /// <summary>Packed weight between two snapped points (infinity if unreachable); for tests and benchmarks.</summary>
    internal long Weight(in SnappedPoint from, in SnappedPoint to) => RouteSnapped(from, to, false, out _).Weight;

    private PointToPointResult RouteSnapped(in SnappedPoint from, in SnappedPoint to, bool withGeometry, out RouteGeometry? geometry)
    {
        var state = _pool.Rent();
        try
        {
            var r = PointToPointQuery.Run(Hierarchy, Graph, _topology, state, from, to, withGeometry);
            geometry = withGeometry && r.Found ? BuildGeometry(r) : null;
            return r;
        }
        finally
        {
            _pool.Return(state);
        }
    }

    /// <summary>Packed weight between two graph nodes; for tests.</summary>
    internal long NodeWeight(int source, int target)
    {
        var state = _pool.Rent();
        try { return PointToPointQuery.NodeToNode(Hierarchy, state, source, target); }
        finally { _pool.Return(state); }
    }

    /// <summary>The original edges of the fastest path (first/last partially driven); for tests.</summary>
    internal IReadOnlyList<int>? PathEdges(in SnappedPoint from, in SnappedPoint to)
    {
        var state = _pool.Rent();
        try { return PointToPointQuery.Run(Hierarchy, Graph, _topology, state, from, to, true).Edges; }
        finally { _pool.Return(state); }
    }

    private RouteGeometry BuildGeometry(PointToPointResult r)
    {
        var edges = r.Edges!;
        var lats = new List<int>();
        var lons = new List<int>();
        for (int i = 0; i < edges.Count; i++)
        {
            double from = i == 0 ? r.FirstFrom : 0;
            double to = i == edges.Count - 1 ? r.LastTo : 1;
            EdgeGeometry.AppendPart(Graph, edges[i], _topology.EdgeSource[edges[i]], from, to, lats, lons);
        }
        if (lats.Count == 1) { lats.Add(lats[0]); lons.Add(lons[0]); } // a LineString needs two positions
        return new RouteGeometry(lats.ToArray(), lons.ToArray());
    }

    /// <summary>
    /// Many-to-many durations and distances (bucket algorithm). Unsnappable points and unroutable pairs yield
    /// <see cref="TableResult.Unreachable"/> cells; the request never fails as a whole.
    /// </summary>
    public TableResult Table(TableRequest request)
    {
        var sources = request.Sources;
        var destinations = request.Destinations ?? request.Sources;
        var sourceSnaps = SnapAll(sources);
        var destinationSnaps = ReferenceEquals(destinations, sources) ? sourceSnaps : SnapAll(destinations);

        var (sourceSeeds, sourceFirst) = Seeds(sourceSnaps, asSource: true);
        var (targetSeeds, targetFirst) = Seeds(destinationSnaps, asSource: false);
        long[] weights = ManyToManyQuery.Run(Hierarchy, _pool, sourceSeeds, sourceFirst, targetSeeds, targetFirst, Options.EffectiveParallelism);
        ApplyDirectDrives(sourceSnaps, destinationSnaps, weights);

        var durations = new long[weights.Length];
        var distances = new long[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            long w = weights[i];
            if (w >= PathWeight.Infinity) { durations[i] = TableResult.Unreachable; distances[i] = TableResult.Unreachable; }
            else { durations[i] = PathWeight.DurationMs(w); distances[i] = PathWeight.DistanceDm(w); }
        }
        return new TableResult(sources.Count, destinations.Count, durations, distances, sourceSnaps, destinationSnaps,
            SnappedIndices(sourceSnaps), SnappedIndices(destinationSnaps));
    }

    private SnappedPoint[] SnapAll(IReadOnlyList<GeoCoordinate> points)
    {
        var snaps = new SnappedPoint[points.Count];
        for (int i = 0; i < snaps.Length; i++) snaps[i] = _tableSnaps.GetOrAdd(points[i], _snapOne);
        return snaps;
    }

    private static int[] SnappedIndices(SnappedPoint[] snaps)
    {
        var list = new List<int>(snaps.Length);
        for (int i = 0; i < snaps.Length; i++) if (snaps[i].IsSnapped) list.Add(i);
        return list.ToArray();
    }

    private (SearchSeed[] Seeds, int[] First) Seeds(SnappedPoint[] snaps, bool asSource)
    {
        var seeds = new SearchSeed[snaps.Length * 2];
        var first = new int[snaps.Length + 1];
        Span<SearchSeed> buffer = stackalloc SearchSeed[2];
        int count = 0;
        for (int i = 0; i < snaps.Length; i++)
        {
            first[i] = count;
            if (!snaps[i].IsSnapped) continue;
            int c = asSource ? SnapSeeds.Sources(Graph, _topology, snaps[i], buffer) : SnapSeeds.Targets(Graph, _topology, snaps[i], buffer);
            for (int k = 0; k < c; k++) seeds[count++] = buffer[k];
        }
        first[snaps.Length] = count;
        return (seeds, first);
    }

    /// <summary>Pairs on the same road may be connected without passing a node; the searches cannot see that.</summary>
    private void ApplyDirectDrives(SnappedPoint[] sources, SnappedPoint[] destinations, long[] weights)
    {
        var byRoad = new Dictionary<int, List<int>>();
        for (int j = 0; j < destinations.Length; j++)
        {
            if (!destinations[j].IsSnapped) continue;
            int key = RoadKey(destinations[j]);
            if (!byRoad.TryGetValue(key, out var list)) byRoad[key] = list = new List<int>();
            list.Add(j);
        }
        for (int i = 0; i < sources.Length; i++)
        {
            if (!sources[i].IsSnapped || !byRoad.TryGetValue(RoadKey(sources[i]), out var list)) continue;
            foreach (int j in list)
            {
                long w = SnapSeeds.Direct(Graph, sources[i], destinations[j], out _, out _, out _);
                long at = (long)i * destinations.Length + j;
                if (w < weights[at]) weights[at] = w;
            }
        }
    }

    private static int RoadKey(in SnappedPoint p) => p.ReverseEdge >= 0 ? Math.Min(p.Edge, p.ReverseEdge) : p.Edge;
}
