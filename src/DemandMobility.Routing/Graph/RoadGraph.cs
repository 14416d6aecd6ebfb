namespace DemandMobility.Routing.Graph;

/// <summary>
/// The routable road network produced by the extract stage: a directed graph in compressed sparse row
/// (CSR) form, with per-edge travel time, length and shape. Every later stage (contraction, snapping,
/// queries, persistence) reads this structure; nothing mutates it after construction.
/// </summary>
/// <remarks>
/// Units are integers so that shortest-path sums are exact and repeatable:
/// durations in milliseconds, distances in decimetres, coordinates in 1e-7 degrees (as OSM stores them).
/// Edges are sorted by source node; the out-edges of node <c>v</c> are
/// <c>FirstEdge[v] .. FirstEdge[v + 1] - 1</c>. A two-way road is two directed edges sharing one shape.
/// Turn restrictions are already applied by node splitting: a restricted via node appears as several
/// graph nodes at the same coordinate, one per incoming edge, each with only its allowed out-edges.
/// </remarks>
public sealed class RoadGraph
{
    /// <summary>Creates a graph from its arrays; the arrays are taken over, not copied.</summary>
    public RoadGraph(
        int[] latitudesE7,
        int[] longitudesE7,
        int[] firstEdge,
        int[] edgeTarget,
        int[] edgeDurationMs,
        int[] edgeDistanceDm,
        byte[] edgeRoadClass,
        int[] edgeShapeStart,
        int[] shapeLatitudesE7,
        int[] shapeLongitudesE7,
        bool[] inMainComponent)
    {
        int n = latitudesE7.Length;
        int m = edgeTarget.Length;
        if (longitudesE7.Length != n || inMainComponent.Length != n || firstEdge.Length != n + 1)
            throw new ArgumentException("Node arrays must all have the node count (firstEdge: node count + 1).");
        if (edgeDurationMs.Length != m || edgeDistanceDm.Length != m || edgeRoadClass.Length != m || edgeShapeStart.Length != m + 1)
            throw new ArgumentException("Edge arrays must all have the edge count (edgeShapeStart: edge count + 1).");
        if (firstEdge[n] != m)
            throw new ArgumentException("firstEdge[nodeCount] must equal the edge count.");
        if (shapeLatitudesE7.Length != shapeLongitudesE7.Length || edgeShapeStart[m] > shapeLatitudesE7.Length)
            throw new ArgumentException("Shape arrays are inconsistent with edgeShapeStart.");

        LatitudesE7 = latitudesE7;
        LongitudesE7 = longitudesE7;
        FirstEdge = firstEdge;
        EdgeTarget = edgeTarget;
        EdgeDurationMs = edgeDurationMs;
        EdgeDistanceDm = edgeDistanceDm;
        EdgeRoadClass = edgeRoadClass;
        EdgeShapeStart = edgeShapeStart;
        ShapeLatitudesE7 = shapeLatitudesE7;
        ShapeLongitudesE7 = shapeLongitudesE7;
        InMainComponent = inMainComponent;
        _nodeControls = new byte[n];
    }

    private byte[] _nodeControls;

    /// <summary>Traffic control at each node (<see cref="NodeControl"/> as a byte): costs time when driven through.</summary>
    public byte[] NodeControls
    {
        get => _nodeControls;
        init
        {
            if (value.Length != NodeCount)
                throw new ArgumentException($"NodeControls has {value.Length} entries, the graph {NodeCount} nodes.");
            _nodeControls = value;
        }
    }

    private ViaWayRestriction[] _viaWayRestrictions = [];

    /// <summary>Turn restrictions over via ways, applied by the turn-aware graph.</summary>
    public ViaWayRestriction[] ViaWayRestrictions
    {
        get => _viaWayRestrictions;
        init
        {
            foreach (var r in value)
                if ((uint)r.FromEdge >= (uint)EdgeCount || (uint)r.ViaEdge >= (uint)EdgeCount || (uint)r.ToEdge >= (uint)EdgeCount)
                    throw new ArgumentException($"Via-way restriction {r} refers to an edge outside 0..{EdgeCount - 1}.");
            _viaWayRestrictions = value;
        }
    }

    /// <summary>Number of graph nodes (road junctions, way ends and split copies of restricted via nodes).</summary>
    public int NodeCount => LatitudesE7.Length;

    /// <summary>Number of directed edges.</summary>
    public int EdgeCount => EdgeTarget.Length;

    /// <summary>Node latitude in 1e-7 degrees.</summary>
    public int[] LatitudesE7 { get; }

    /// <summary>Node longitude in 1e-7 degrees.</summary>
    public int[] LongitudesE7 { get; }

    /// <summary>CSR offsets: out-edges of node v are FirstEdge[v] .. FirstEdge[v+1]-1. Length NodeCount + 1.</summary>
    public int[] FirstEdge { get; }

    /// <summary>Target node of each directed edge.</summary>
    public int[] EdgeTarget { get; }

    /// <summary>Travel time of each directed edge in milliseconds (at least 1).</summary>
    public int[] EdgeDurationMs { get; }

    /// <summary>Length of each directed edge in decimetres.</summary>
    public int[] EdgeDistanceDm { get; }

    /// <summary>Road class of each edge (<see cref="RoadClass"/> as a byte), for statistics and demand generation.</summary>
    public byte[] EdgeRoadClass { get; }

    /// <summary>
    /// Intermediate shape points of edge e (between its source and target node, in driving order) are
    /// ShapeLatitudesE7/ShapeLongitudesE7[EdgeShapeStart[e] .. EdgeShapeStart[e+1]-1]. Length EdgeCount + 1.
    /// </summary>
    public int[] EdgeShapeStart { get; }

    /// <summary>Latitudes of intermediate shape points, 1e-7 degrees.</summary>
    public int[] ShapeLatitudesE7 { get; }

    /// <summary>Longitudes of intermediate shape points, 1e-7 degrees.</summary>
    public int[] ShapeLongitudesE7 { get; }

    /// <summary>True for nodes of the largest strongly connected component; only those are used for snapping.</summary>
    public bool[] InMainComponent { get; }

    /// <summary>Source node of edge e (binary search over <see cref="FirstEdge"/>; not for hot paths).</summary>
    public int EdgeSource(int edge)
    {
        int lo = 0, hi = NodeCount - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >>> 1;
            if (FirstEdge[mid] <= edge) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
