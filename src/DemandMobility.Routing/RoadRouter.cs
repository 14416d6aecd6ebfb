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
/// <remarks>
/// By default the hierarchy is contracted on the turn-aware graph (<see cref="Turns"/>: turn, U-turn, signal,
/// stop/give-way and level-crossing costs, via-way restrictions); <see cref="BuildNodeBased"/> keeps the plain
/// node-based engine for comparison. The metric (travel time per road edge) is the road graph's free-flow time
/// unless the router was derived with <see cref="WithEdgeTravelTimes"/> or for a departure hour
/// (<see cref="ForDeparture"/>).
/// </remarks>
public sealed partial class RoadRouter
{
    private readonly TurnGraph? _turns;
    private readonly int[] _metricMs;
    private readonly EdgeTopology _topology;
    private readonly SegmentGrid _grid;
    private readonly QueryStatePool _pool;

    /// <summary>Search states for queries run outside this class (<see cref="KeptPointTable"/>).</summary>
    internal QueryStatePool Pool => _pool;
    private readonly SnapMemo _tableSnaps = new();
    private readonly Func<GeoCoordinate, SnappedPoint> _snapOne;

    /// <summary>
    /// Creates a turn-aware router over a graph and the hierarchy of its turn-aware graph with the standard turn
    /// costs (as stored in a graph file and built by <see cref="Build"/>).
    /// </summary>
    public RoadRouter(RoadGraph graph, ContractionHierarchy hierarchy, RouterOptions? options = null)
        : this(graph, TurnGraph.Build(graph), hierarchy, graph.EdgeDurationMs, options)
    {
    }

    /// <summary>Creates a turn-aware router from the turn-aware graph and its hierarchy, under a metric (ms per road edge).</summary>
    public RoadRouter(RoadGraph graph, TurnGraph turns, ContractionHierarchy hierarchy, int[] edgeDurationMs, RouterOptions? options = null)
        : this(graph, turns, hierarchy, edgeDurationMs, options, null)
    {
    }

    private RoadRouter(RoadGraph graph, TurnGraph? turns, ContractionHierarchy hierarchy, int[] edgeDurationMs, RouterOptions? options, RoadRouter? shared)
    {
        int expected = turns?.NodeCount ?? graph.NodeCount;
        if (hierarchy.NodeCount != expected)
            throw new ArgumentException(turns is null
                ? $"Hierarchy has {hierarchy.NodeCount} nodes but the graph {graph.NodeCount}."
                : $"Hierarchy has {hierarchy.NodeCount} nodes but the turn-aware graph {turns.NodeCount} (one per road edge plus restriction copies); was it contracted on the node-based graph?", nameof(hierarchy));
        if (edgeDurationMs.Length != graph.EdgeCount)
            throw new ArgumentException($"Edge travel times have {edgeDurationMs.Length} entries, the graph {graph.EdgeCount} edges.", nameof(edgeDurationMs));
        Graph = graph;
        Hierarchy = hierarchy;
        _turns = turns;
        _metricMs = edgeDurationMs;
        Options = options ?? RouterOptions.Default;
        if (!(Options.MaxSnapDistanceMetres > 0) || double.IsInfinity(Options.MaxSnapDistanceMetres))
            throw new ArgumentOutOfRangeException(nameof(options), Options.MaxSnapDistanceMetres, "RouterOptions.MaxSnapDistanceMetres must be a positive finite number of metres.");
        if (Options.MaxParallelism < 0)
            throw new ArgumentOutOfRangeException(nameof(options), Options.MaxParallelism, "RouterOptions.MaxParallelism must be 0 (all cores) or positive.");
        _topology = turns?.Topology ?? shared?._topology ?? EdgeTopology.Build(graph);
        _grid = shared?._grid ?? SegmentGrid.Build(graph, _topology);
        _pool = new QueryStatePool(hierarchy);
        _snapOne = p => Nearest(p.Latitude, p.Longitude);
        if (shared is not null) _tableSnaps = shared._tableSnaps;
        TimeOfDay = shared?.TimeOfDay ?? TimeOfDayProfile.Default;
    }

    /// <summary>Derives the turn-aware graph (<paramref name="turnCosts"/>, default standard), contracts it and creates a router.</summary>
    public static RoadRouter Build(RoadGraph graph, RouterOptions? options = null, ContractionOptions? contraction = null, TurnCosts? turnCosts = null)
    {
        var turns = TurnGraph.Build(graph, turnCosts);
        return new RoadRouter(graph, turns, HierarchyBuilder.Build(turns.SearchGraph(), contraction), graph.EdgeDurationMs, options, null);
    }

    /// <summary>Contracts the node-based graph (no turn costs) and creates a router over it; the baseline engine.</summary>
    public static RoadRouter BuildNodeBased(RoadGraph graph, RouterOptions? options = null, ContractionOptions? contraction = null) =>
        new(graph, null, HierarchyBuilder.Build(graph, contraction), graph.EdgeDurationMs, options, null);

    /// <summary>
    /// A router on the same graph and turns whose metric uses the given travel time (seconds) of every road-graph
    /// edge, indexed like <see cref="RoadGraph.EdgeDurationMs"/> (e.g. times learned from the fleet). Only the
    /// weights change: the turn-aware graph and snapping index are shared, the hierarchy is re-contracted on the new
    /// weights (tens of milliseconds on a county; see docs/routing.md). This router is left unchanged.
    /// </summary>
    /// <exception cref="ArgumentException">The span's length differs from the edge count, or a time is not positive and finite.</exception>
    public RoadRouter WithEdgeTravelTimes(ReadOnlySpan<float> secondsPerRoadEdge)
    {
        if (secondsPerRoadEdge.Length != Graph.EdgeCount)
            throw new ArgumentException($"Got {secondsPerRoadEdge.Length} edge travel times, the road graph has {Graph.EdgeCount} edges.", nameof(secondsPerRoadEdge));
        var ms = new int[Graph.EdgeCount];
        for (int e = 0; e < ms.Length; e++)
        {
            float s = secondsPerRoadEdge[e];
            if (!(s > 0) || float.IsInfinity(s))
                throw new ArgumentException($"Travel time of road edge {e} is {s} s; it must be positive and finite.", nameof(secondsPerRoadEdge));
            ms[e] = Math.Max(1, (int)Math.Round(s * 1000.0));
        }
        return WithMetric(ms);
    }

    /// <summary>A router sharing graph, turns and snapping, with the hierarchy contracted for the given metric.</summary>
    private RoadRouter WithMetric(int[] edgeMs)
    {
        if (_turns is null)
        {
            var reweighted = WithDurations(Graph, edgeMs);
            return new RoadRouter(reweighted, null, HierarchyBuilder.Build(reweighted), edgeMs, Options, this);
        }
        return new RoadRouter(Graph, _turns, HierarchyBuilder.Build(_turns.SearchGraph(edgeMs)), edgeMs, Options, this);
    }

    private static RoadGraph WithDurations(RoadGraph g, int[] ms) =>
        new(g.LatitudesE7, g.LongitudesE7, g.FirstEdge, g.EdgeTarget, ms, g.EdgeDistanceDm, g.EdgeRoadClass, g.EdgeShapeStart,
            g.ShapeLatitudesE7, g.ShapeLongitudesE7, g.InMainComponent);

    /// <summary>The turn-aware graph, or null for a node-based router.</summary>
    public TurnGraph? Turns => _turns;

    /// <summary>Travel time of every road edge in milliseconds under this router's metric.</summary>
    public ReadOnlySpan<int> EdgeTravelTimesMs => _metricMs;

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
        if (request.DepartureTime is { } departure && ForDeparture(departure) is var banded && !ReferenceEquals(banded, this))
            return banded.Route(request with { DepartureTime = null });
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
            var r = _turns is null
                ? PointToPointQuery.Run(Hierarchy, Graph, _topology, state, from, to, withGeometry)
                : TurnPointToPointQuery.Run(Hierarchy, _turns, _metricMs, state, from, to, withGeometry);
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
        try
        {
            return _turns is null
                ? PointToPointQuery.Run(Hierarchy, Graph, _topology, state, from, to, true).Edges
                : TurnPointToPointQuery.Run(Hierarchy, _turns, _metricMs, state, from, to, true).Edges;
        }
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
        if (request.DepartureTime is { } departure && ForDeparture(departure) is var banded && !ReferenceEquals(banded, this))
            return banded.Table(request with { DepartureTime = null });
        var sources = request.Sources;
        var destinations = request.Destinations ?? request.Sources;
        var sourceSnaps = SnapAll(sources);
        var destinationSnaps = ReferenceEquals(destinations, sources) ? sourceSnaps : SnapAll(destinations);

        var (sourceSeeds, sourceFirst) = Seeds(sourceSnaps, asSource: true);
        var (targetSeeds, targetFirst) = Seeds(destinationSnaps, asSource: false);
        long[] weights = ManyToManyQuery.Run(Hierarchy, _pool, sourceSeeds, sourceFirst, targetSeeds, targetFirst, Options.EffectiveParallelism);
        ApplyDirectDrives(sourceSnaps, destinationSnaps, weights);
        return ToTableResult(sourceSnaps, destinationSnaps, weights);
    }

    /// <summary>The table of packed <paramref name="weights"/> (sources × destinations, direct drives applied).</summary>
    internal static TableResult ToTableResult(SnappedPoint[] sourceSnaps, SnappedPoint[] destinationSnaps, long[] weights)
    {
        var durations = new long[weights.Length];
        var distances = new long[weights.Length];
        for (int i = 0; i < weights.Length; i++)
        {
            long w = weights[i];
            if (w >= PathWeight.Infinity) { durations[i] = TableResult.Unreachable; distances[i] = TableResult.Unreachable; }
            else { durations[i] = PathWeight.DurationMs(w); distances[i] = PathWeight.DistanceDm(w); }
        }
        return new TableResult(sourceSnaps.Length, destinationSnaps.Length, durations, distances, sourceSnaps, destinationSnaps,
            SnappedIndices(sourceSnaps), SnappedIndices(destinationSnaps));
    }

    internal SnappedPoint[] SnapAll(IReadOnlyList<GeoCoordinate> points)
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

    internal (SearchSeed[] Seeds, int[] First) Seeds(SnappedPoint[] snaps, bool asSource)
    {
        if (_turns is not null) return TurnAwareSeeds(snaps, asSource);
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

    private (SearchSeed[] Seeds, int[] First) TurnAwareSeeds(SnappedPoint[] snaps, bool asSource)
    {
        var seeds = new List<SearchSeed>(snaps.Length * (asSource ? 2 : 6));
        var first = new int[snaps.Length + 1];
        var buffer = new List<TurnSeed>(16);
        for (int i = 0; i < snaps.Length; i++)
        {
            first[i] = seeds.Count;
            if (!snaps[i].IsSnapped) continue;
            if (asSource) TurnSeeds.Sources(_turns!, _metricMs, snaps[i], buffer);
            else TurnSeeds.Targets(_turns!, _metricMs, snaps[i], buffer);
            foreach (var seed in buffer) seeds.Add(new SearchSeed(seed.Node, seed.Weight));
        }
        first[snaps.Length] = seeds.Count;
        return (seeds.ToArray(), first);
    }

    /// <summary>Pairs on the same road may be connected without passing a node; the searches cannot see that.</summary>
    internal void ApplyDirectDrives(SnappedPoint[] sources, SnappedPoint[] destinations, long[] weights)
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
                long w = TurnSeeds.Direct(Graph, _metricMs, sources[i], destinations[j], out _, out _, out _);
                long at = (long)i * destinations.Length + j;
                if (w < weights[at]) weights[at] = w;
            }
        }
    }

    private static int RoadKey(in SnappedPoint p) => p.ReverseEdge >= 0 ? Math.Min(p.Edge, p.ReverseEdge) : p.Edge;
}
