using DemandMobility.Routing.Snapping;

namespace DemandMobility.Routing.Graph;

/// <summary>
/// The turn-aware (edge-based) graph derived from a <see cref="RoadGraph"/>: a node per road edge ("at the end of
/// edge e, arrived over it"), an arc e→f for every allowed move from e onto a following edge f, costing the turn
/// (angle, U-turn, traffic control at the junction, <see cref="TurnCosts"/>) plus the travel time of f. Via-way
/// restrictions copy the via edge's node, so a path that entered the via edge from the restricted from-edge cannot
/// leave it towards the forbidden to-edge. Edge-based routing as in Geisberger and Vetter, "Efficient routing in road
/// networks with turn costs" (SEA 2011), section 2; the hierarchy is contracted on this graph unchanged.
/// </summary>
/// <remarks>
/// The road graph stays the base data: its edge indices, geometry, classes and free-flow seconds are unchanged,
/// and any per-road-edge travel times (<see cref="SearchGraph"/>) re-weight the arcs without rebuilding the turns.
/// </remarks>
public sealed class TurnGraph
{
    private TurnGraph(RoadGraph road, EdgeTopology topology, int[] roadEdgeOf, int[] firstArc, int[] arcTarget, int[] arcTurnMs, int[] intoFirst, int[] intoArc)
    {
        Road = road;
        Topology = topology;
        RoadEdgeOf = roadEdgeOf;
        FirstArc = firstArc;
        ArcTarget = arcTarget;
        ArcTurnMs = arcTurnMs;
        IntoRoadEdgeFirst = intoFirst;
        IntoRoadEdgeArc = intoArc;
        ArcSource = new int[arcTarget.Length];
        for (int x = 0; x < roadEdgeOf.Length; x++)
            for (int a = firstArc[x]; a < firstArc[x + 1]; a++) ArcSource[a] = x;
    }

    /// <summary>The road graph it was derived from.</summary>
    public RoadGraph Road { get; }

    /// <summary>Source and reverse edge of every road edge.</summary>
    public EdgeTopology Topology { get; }

    /// <summary>Number of turn-graph nodes (road edges plus copies for via-way restrictions).</summary>
    public int NodeCount => RoadEdgeOf.Length;

    /// <summary>Number of arcs (allowed moves).</summary>
    public int ArcCount => ArcTarget.Length;

    /// <summary>The road edge each node stands for (node i &lt; road edge count is road edge i).</summary>
    public int[] RoadEdgeOf { get; }

    /// <summary>CSR offsets of the arcs of each node.</summary>
    public int[] FirstArc { get; }

    /// <summary>Target node of each arc.</summary>
    public int[] ArcTarget { get; }

    /// <summary>Source node of each arc.</summary>
    public int[] ArcSource { get; }

    /// <summary>Turn cost of each arc in milliseconds (the travel time of the target's road edge comes on top).</summary>
    public int[] ArcTurnMs { get; }

    /// <summary>Arcs whose target node stands for road edge e: IntoRoadEdgeArc[IntoRoadEdgeFirst[e] .. IntoRoadEdgeFirst[e+1]-1].</summary>
    public int[] IntoRoadEdgeFirst { get; }

    /// <summary>See <see cref="IntoRoadEdgeFirst"/>.</summary>
    public int[] IntoRoadEdgeArc { get; }

    /// <summary>Derives the turn-aware graph with the given costs (default <see cref="TurnCosts.Standard"/>).</summary>
    public static TurnGraph Build(RoadGraph g, TurnCosts? costs = null)
    {
        costs ??= TurnCosts.Standard;
        var topo = EdgeTopology.Build(g);
        int n = g.NodeCount, m = g.EdgeCount;
        int[] roads = RoadsAtNode(g, topo);

        // Via-way restrictions grouped by (from, via): the copy of via reached from "from" allows only some exits.
        var groups = new Dictionary<(int From, int Via), (int Only, HashSet<int> No)>();
        foreach (var r in g.ViaWayRestrictions)
        {
            var key = (r.FromEdge, r.ViaEdge);
            if (!groups.TryGetValue(key, out var grp)) grp = (-1, new HashSet<int>());
            if (r.IsOnly) grp.Only = r.ToEdge; else grp.No.Add(r.ToEdge);
            groups[key] = grp;
        }
        var copyOf = new List<int>();                       // road edge of each copy node
        var copyFrom = new List<int>();                     // from-edge of each copy node
        var copyNode = new Dictionary<(int From, int Via), int>();
        foreach (var key in groups.Keys) { copyNode[key] = m + copyOf.Count; copyOf.Add(key.Via); copyFrom.Add(key.From); }
        int nodes = m + copyOf.Count;
        var roadEdgeOf = new int[nodes];
        for (int e = 0; e < m; e++) roadEdgeOf[e] = e;
        for (int k = 0; k < copyOf.Count; k++) roadEdgeOf[m + k] = copyOf[k];

        var firstArc = new int[nodes + 1];
        var target = new List<int>(m * 3);
        var turnMs = new List<int>(m * 3);
        for (int x = 0; x < nodes; x++)
        {
            firstArc[x] = target.Count;
            int e = roadEdgeOf[x];
            int v = g.EdgeTarget[e];
            for (int f = g.FirstEdge[v]; f < g.FirstEdge[v + 1]; f++)
            {
                if (x >= m)
                {
                    var grp = groups[(copyFrom[x - m], e)];
                    if (grp.Only >= 0 ? f != grp.Only : grp.No.Contains(f)) continue;
                }
                // Entering a via edge from its restriction's from-edge leads to the via edge's copy.
                int to = copyNode.TryGetValue((e, f), out int copy) ? copy : f;
                target.Add(to);
                turnMs.Add(TurnMs(g, topo, costs, roads, e, f));
            }
        }
        firstArc[nodes] = target.Count;

        // Arcs into each road edge (for target seeds: a point on edge e is reached over any arc into e).
        var arcTarget = target.ToArray();
        var intoFirst = new int[m + 1];
        foreach (int t in arcTarget) intoFirst[roadEdgeOf[t] + 1]++;
        for (int e = 0; e < m; e++) intoFirst[e + 1] += intoFirst[e];
        var cursor = (int[])intoFirst.Clone();
        var intoArc = new int[arcTarget.Length];
        for (int a = 0; a < arcTarget.Length; a++) intoArc[cursor[roadEdgeOf[arcTarget[a]]]++] = a;
        return new TurnGraph(g, topo, roadEdgeOf, firstArc, arcTarget, turnMs.ToArray(), intoFirst, intoArc);
    }

    /// <summary>
    /// The graph the hierarchy is contracted on: one node per turn-graph node (placed at its road edge's end),
    /// arcs weighted turn cost + travel time of the target road edge. <paramref name="edgeDurationMs"/> replaces the
    /// road graph's free-flow times (e.g. a time-of-day band or learned times); null keeps them.
    /// </summary>
    public RoadGraph SearchGraph(int[]? edgeDurationMs = null)
    {
        var g = Road;
        var dur = edgeDurationMs ?? g.EdgeDurationMs;
        if (dur.Length != g.EdgeCount)
            throw new ArgumentException($"Edge travel times have {dur.Length} entries, the road graph {g.EdgeCount} edges.", nameof(edgeDurationMs));
        int nodes = NodeCount, arcs = ArcCount;
        var lat = new int[nodes];
        var lon = new int[nodes];
        var main = new bool[nodes];
        for (int x = 0; x < nodes; x++)
        {
            int e = RoadEdgeOf[x];
            int t = g.EdgeTarget[e];
            lat[x] = g.LatitudesE7[t];
            lon[x] = g.LongitudesE7[t];
            main[x] = g.InMainComponent[t];
        }
        var arcDur = new int[arcs];
        var arcDist = new int[arcs];
        var cls = new byte[arcs];
        for (int a = 0; a < arcs; a++)
        {
            int e = RoadEdgeOf[ArcTarget[a]];
            arcDur[a] = ArcTurnMs[a] + dur[e];
            arcDist[a] = g.EdgeDistanceDm[e];
            cls[a] = g.EdgeRoadClass[e];
        }
        return new RoadGraph(lat, lon, (int[])FirstArc.Clone(), (int[])ArcTarget.Clone(), arcDur, arcDist, cls, new int[arcs + 1], [], [], main);
    }

    /// <summary>Number of distinct neighbour positions of each node (roads meeting there).</summary>
    private static int[] RoadsAtNode(RoadGraph g, EdgeTopology topo)
    {
        var roads = new int[g.NodeCount];
        var lists = new List<long>[g.NodeCount];
        for (int e = 0; e < g.EdgeCount; e++)
        {
            int s = topo.EdgeSource[e], t = g.EdgeTarget[e];
            (lists[s] ??= new List<long>()).Add(Key(g, t));
            (lists[t] ??= new List<long>()).Add(Key(g, s));
        }
        for (int v = 0; v < g.NodeCount; v++)
            roads[v] = lists[v] is null ? 0 : lists[v].Distinct().Count();
        return roads;

        static long Key(RoadGraph g, int v) => ((long)g.LatitudesE7[v] << 32) | (uint)g.LongitudesE7[v];
    }

    private static int TurnMs(RoadGraph g, EdgeTopology topo, TurnCosts costs, int[] roads, int e, int f)
    {
        int v = g.EdgeTarget[e];
        bool uTurn = topo.ReverseEdge[e] == f;
        double seconds = costs.ControlSeconds((NodeControl)g.NodeControls[v]);
        if (uTurn)
            seconds += costs.AnglePenaltySeconds(180) + costs.UTurnSeconds;
        else if (roads[v] > 2)
            seconds += costs.AnglePenaltySeconds(TurnAngle(g, topo, e, f));
        return (int)Math.Round(seconds * 1000);
    }

    /// <summary>Signed turn angle from edge e onto edge f at their common node, degrees in (-180, 180], positive = right.</summary>
    public static double TurnAngle(RoadGraph g, EdgeTopology topo, int e, int f)
    {
        int v = g.EdgeTarget[e];
        int inEnd = g.EdgeShapeStart[e + 1];
        (int lat, int lon) before = inEnd > g.EdgeShapeStart[e]
            ? (g.ShapeLatitudesE7[inEnd - 1], g.ShapeLongitudesE7[inEnd - 1])
            : (g.LatitudesE7[topo.EdgeSource[e]], g.LongitudesE7[topo.EdgeSource[e]]);
        int outStart = g.EdgeShapeStart[f];
        (int lat, int lon) after = g.EdgeShapeStart[f + 1] > outStart
            ? (g.ShapeLatitudesE7[outStart], g.ShapeLongitudesE7[outStart])
            : (g.LatitudesE7[g.EdgeTarget[f]], g.LongitudesE7[g.EdgeTarget[f]]);
        double cos = Math.Cos(g.LatitudesE7[v] * 1e-7 * Math.PI / 180);
        double bearingIn = Math.Atan2((g.LongitudesE7[v] - (double)before.lon) * cos, g.LatitudesE7[v] - (double)before.lat);
        double bearingOut = Math.Atan2((after.lon - (double)g.LongitudesE7[v]) * cos, after.lat - (double)g.LatitudesE7[v]);
        double angle = (bearingOut - bearingIn) * 180 / Math.PI;
        while (angle <= -180) angle += 360;
        while (angle > 180) angle -= 360;
        return angle;
    }
}
