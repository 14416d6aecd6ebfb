using System.Runtime.InteropServices;
using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Extract;

/// <summary>
/// Turns the collected ways into a <see cref="RoadGraph"/>: split ways at junctions, apply via-node turn
/// restrictions by node splitting, renumber nodes along a Hilbert curve, build CSR, mark the largest SCC.
/// </summary>
/// <remarks>
/// Node splitting (the node-based counterpart of edge-based routing, cf. Geisberger and Vetter,
/// "Efficient routing in road networks with turn costs", SEA 2011, section 2, and OSRM's handling of via-node
/// restrictions): a restricted via node v with incoming edges e1..ek becomes k nodes v1..vk at v's
/// position; ei now ends at vi, and vi gets a copy of each out-edge of v that the restrictions allow after
/// arriving over ei's way. Because copies of out-edges keep their original target (or that target's own
/// copy for the out-edge), adjacent restricted junctions compose correctly. Routes through unrestricted
/// nodes are unchanged, so shortest paths equal those of an edge-based graph for these restrictions.
/// </remarks>
internal sealed class GraphBuilder
{
    private readonly RoadData _data;

    // Road nodes = distinct node ids referenced by drivable ways.
    private int[] _refNode = [];
    private int[] _roadLat = [];
    private int[] _roadLon = [];
    private bool[] _hasCoord = [];  // false: node missing from the file or a blocking barrier; the way is cut there
    private int[] _graphIdOfRoad = [];
    private byte[] _roadControl = [];

    // Base edges (before restriction splitting).
    private readonly List<int> _eSrc = new(), _eTgt = new(), _eDur = new(), _eDist = new(), _eWay = new(), _eShapeStart = new(), _eShapeLen = new();
    private readonly List<byte> _eClass = new();
    private readonly List<bool> _eReversed = new();
    private readonly List<int> _shapeLat = new(), _shapeLon = new();

    public int MissingRefs { get; private set; }
    public int BarriersOnRoads { get; private set; }
    public int RestrictionsApplied { get; private set; }
    public int RestrictionsInvalid { get; private set; }
    public int SplitNodesAdded { get; private set; }

    private readonly BuiltUpAreas _builtUp;

    public int ViaWayRestrictionsApplied { get; private set; }
    public int ViaWayRestrictionsInvalid { get; private set; }

    /// <summary>Road segments (between consecutive way nodes) whose midpoint lies in a built-up area.</summary>
    public int UrbanSegments { get; private set; }

    /// <summary>All road segments.</summary>
    public int Segments { get; private set; }

    public GraphBuilder(RoadData data, BuiltUpAreas builtUp)
    {
        _data = data;
        _builtUp = builtUp;
    }

    public RoadGraph Build()
    {
        int graphNodes = MapNodes();
        BuildBaseEdges();
        var (src, tgt, orig, nodeOrigin) = ApplyRestrictions(graphNodes);
        return Finish(src, tgt, orig, nodeOrigin);
    }

    /// <summary>Maps node ids to road nodes, fills coordinates, decides which road nodes become graph nodes.</summary>
    private int MapNodes()
    {
        var refs = CollectionsMarshal.AsSpan(_data.Refs);
        var map = new LongIntMap(Math.Max(16, refs.Length / 2));
        _refNode = new int[refs.Length];
        for (int i = 0; i < refs.Length; i++)
            _refNode[i] = map.GetOrAdd(refs[i], map.Count);
        int roadNodes = map.Count;

        _roadLat = new int[roadNodes];
        _roadLon = new int[roadNodes];
        _hasCoord = new bool[roadNodes];
        var ids = CollectionsMarshal.AsSpan(_data.NodeIds);
        var lats = CollectionsMarshal.AsSpan(_data.NodeLats);
        var lons = CollectionsMarshal.AsSpan(_data.NodeLons);
        for (int i = 0; i < ids.Length; i++)
        {
            int r = map.Get(ids[i]);
            if (r < 0)
                continue;
            _roadLat[r] = lats[i];
            _roadLon[r] = lons[i];
            _hasCoord[r] = true;
        }
        foreach (int r in _refNode)
            if (!_hasCoord[r])
                MissingRefs++;
        // A blocking barrier (bollard, ...) cuts the way like a missing node: both sides become dead ends.
        foreach (long barrier in _data.BarrierNodes)
        {
            int r = map.Get(barrier);
            if (r >= 0 && _hasCoord[r])
            {
                _hasCoord[r] = false;
                BarriersOnRoads++;
            }
        }
        _roadControl = new byte[roadNodes];
        foreach (var (id, control) in _data.ControlNodes)
        {
            int r = map.Get(id);
            if (r >= 0) _roadControl[r] = (byte)control;
        }
        // The node store is only needed for the coordinates; release it before the edge arrays grow.
        _data.NodeIds.Clear(); _data.NodeIds.TrimExcess();
        _data.NodeLats.Clear(); _data.NodeLats.TrimExcess();
        _data.NodeLons.Clear(); _data.NodeLons.TrimExcess();

        // Graph nodes: nodes used twice (junctions, or a way touching itself), way ends, and ends of the
        // runs left when a way references nodes missing from the file.
        var usage = new byte[roadNodes];
        foreach (int r in _refNode)
            if (usage[r] < 2)
                usage[r]++;
        var isGraph = new bool[roadNodes];
        for (int r = 0; r < roadNodes; r++)
            isGraph[r] = usage[r] >= 2;
        var starts = CollectionsMarshal.AsSpan(_data.WayRefStart);
        for (int w = 0; w < _data.WayCount; w++)
        {
            int start = starts[w], end = starts[w + 1];
            for (int i = start; i < end; i++)
            {
                int r = _refNode[i];
                if (!_hasCoord[r])
                    continue;
                if (i == start || i == end - 1 || !_hasCoord[_refNode[i - 1]] || !_hasCoord[_refNode[i + 1]])
                    isGraph[r] = true;
            }
        }
        SplitSelfLoops(isGraph);
        _graphIdOfRoad = new int[roadNodes];
        int count = 0;
        for (int r = 0; r < roadNodes; r++)
            _graphIdOfRoad[r] = isGraph[r] && _hasCoord[r] ? count++ : -1;
        return count;
    }

    /// <summary>
    /// A segment that leaves a graph node and returns to it (a closed loop street attached at one junction)
    /// would become a useless self-loop edge and its street would be lost; its middle point becomes a graph
    /// node instead, which splits it into two real edges.
    /// </summary>
    private void SplitSelfLoops(bool[] isGraph)
    {
        var starts = CollectionsMarshal.AsSpan(_data.WayRefStart);
        for (int w = 0; w < _data.WayCount; w++)
        {
            int start = starts[w], end = starts[w + 1];
            int segStart = -1;
            for (int i = start; i < end; i++)
            {
                int r = _refNode[i];
                if (!_hasCoord[r])
                {
                    segStart = -1;
                    continue;
                }
                if (segStart < 0)
                {
                    segStart = i;
                    continue;
                }
                if (!isGraph[r])
                    continue;
                if (r == _refNode[segStart] && i - segStart >= 2)
                    isGraph[_refNode[segStart + (i - segStart) / 2]] = true;
                segStart = i;
            }
        }
    }

    /// <summary>Cuts every way at graph nodes into directed edges with shapes, distances and durations.</summary>
    private void BuildBaseEdges()
    {
        var starts = CollectionsMarshal.AsSpan(_data.WayRefStart);
        var results = CollectionsMarshal.AsSpan(_data.WayResults);
        for (int w = 0; w < _data.WayCount; w++)
        {
            var result = results[w];
            int start = starts[w], end = starts[w + 1];
            int segStart = -1;
            double meters = 0, forwardMs = 0, backwardMs = 0;
            int shapeStart = _shapeLat.Count;
            for (int i = start; i < end; i++)
            {
                int r = _refNode[i];
                if (!_hasCoord[r])
                {
                    segStart = -1;
                    continue;
                }
                if (segStart < 0)
                {
                    segStart = i;
                    meters = forwardMs = backwardMs = 0;
                    shapeStart = _shapeLat.Count;
                    continue;
                }
                int p = _refNode[i - 1];
                double part = GeoMath.HaversineMeters(_roadLat[p], _roadLon[p], _roadLat[r], _roadLon[r]);
                meters += part;
                // Each piece between two way nodes drives at the speed of the settlement state at its midpoint.
                bool urban = _builtUp.Contains((int)(((long)_roadLat[p] + _roadLat[r]) / 2), (int)(((long)_roadLon[p] + _roadLon[r]) / 2));
                Segments++;
                if (urban) UrbanSegments++;
                if (result.Forward) forwardMs += part * 3600.0 / (urban ? result.UrbanForwardKmh : result.ForwardKmh);
                if (result.Backward) backwardMs += part * 3600.0 / (urban ? result.UrbanBackwardKmh : result.BackwardKmh);
                if (_graphIdOfRoad[r] < 0)
                {
                    _shapeLat.Add(_roadLat[r]);
                    _shapeLon.Add(_roadLon[r]);
                    continue;
                }
                AddSegment(w, result, _graphIdOfRoad[_refNode[segStart]], _graphIdOfRoad[r], meters, forwardMs, backwardMs, shapeStart, _shapeLat.Count - shapeStart);
                segStart = i;
                meters = forwardMs = backwardMs = 0;
                shapeStart = _shapeLat.Count;
            }
        }
    }

    private void AddSegment(int way, Profiles.WayProfileResult result, int a, int b, double meters, double forwardMs, double backwardMs, int shapeStart, int shapeLen)
    {
        // A loop back to the same node never shortens a path; dropping it keeps the graph simple.
        if (a == b)
            return;
        int dm = (int)Math.Round(meters * 10);
        if (result.Forward)
            AddEdge(a, b, DurationMs(forwardMs), dm, result.Class, way, shapeStart, shapeLen, false);
        if (result.Backward)
            AddEdge(b, a, DurationMs(backwardMs), dm, result.Class, way, shapeStart, shapeLen, true);
    }

    private static int DurationMs(double ms) => Math.Max(1, (int)Math.Round(ms));

    private void AddEdge(int s, int t, int dur, int dm, RoadClass cls, int way, int shapeStart, int shapeLen, bool reversed)
    {
        _eSrc.Add(s); _eTgt.Add(t); _eDur.Add(dur); _eDist.Add(dm); _eClass.Add((byte)cls);
        _eWay.Add(way); _eShapeStart.Add(shapeStart); _eShapeLen.Add(shapeLen); _eReversed.Add(reversed);
    }

    private readonly record struct Rule(int FromWay, int ToWay, bool IsOnly);

    /// <summary>Splits restricted via nodes; returns the final edge list (source, target, base edge) and each node's original.</summary>
    private (int[] Src, int[] Tgt, int[] Orig, int[] NodeOrigin) ApplyRestrictions(int graphNodes)
    {
        int m = _eSrc.Count;
        var rules = CollectRules();
        if (rules.Count == 0)
        {
            var identity = new int[m];
            for (int e = 0; e < m; e++) identity[e] = e;
            var origin = new int[graphNodes];
            for (int v = 0; v < graphNodes; v++) origin[v] = v;
            return (_eSrc.ToArray(), _eTgt.ToArray(), identity, origin);
        }

        // Incoming edges of each restricted node; incoming edge k of v ends at copy k of v.
        var incoming = new Dictionary<int, List<int>>();
        foreach (int v in rules.Keys)
            incoming[v] = new List<int>();
        for (int e = 0; e < m; e++)
            if (incoming.TryGetValue(_eTgt[e], out var list))
                list.Add(e);
        var targetCopy = new int[m];
        Array.Fill(targetCopy, -1);
        var copies = new Dictionary<int, int[]>();
        var origins = new List<int>(graphNodes + 16);
        for (int v = 0; v < graphNodes; v++) origins.Add(v);
        foreach (var (v, inEdges) in incoming)
        {
            var nodeCopies = new int[inEdges.Count];
            for (int k = 0; k < inEdges.Count; k++)
            {
                int copy = k == 0 ? v : origins.Count;
                if (k > 0)
                    origins.Add(v);
                nodeCopies[k] = copy;
                targetCopy[inEdges[k]] = copy;
            }
            copies[v] = nodeCopies;
        }
        SplitNodesAdded = origins.Count - graphNodes;

        var src = new List<int>(m + 16);
        var tgt = new List<int>(m + 16);
        var orig = new List<int>(m + 16);
        for (int o = 0; o < m; o++)
        {
            int t = targetCopy[o] >= 0 ? targetCopy[o] : _eTgt[o];
            int s = _eSrc[o];
            if (!rules.TryGetValue(s, out var nodeRules))
            {
                src.Add(s); tgt.Add(t); orig.Add(o);
                continue;
            }
            var inEdges = incoming[s];
            var nodeCopies = copies[s];
            for (int k = 0; k < inEdges.Count; k++)
            {
                if (!Allowed(nodeRules, _eWay[inEdges[k]], _eWay[o]))
                    continue;
                src.Add(nodeCopies[k]); tgt.Add(t); orig.Add(o);
            }
        }
        return (src.ToArray(), tgt.ToArray(), orig.ToArray(), origins.ToArray());
    }

    private static bool Allowed(List<Rule> rules, int fromWay, int toWay)
    {
        foreach (var rule in rules)
        {
            if (rule.FromWay != fromWay)
                continue;
            if (rule.IsOnly ? rule.ToWay != toWay : rule.ToWay == toWay)
                return false;
        }
        return true;
    }

    /// <summary>Matches the raw restrictions to graph nodes and way indices; keeps those that touch the via node.</summary>
    private Dictionary<int, List<Rule>> CollectRules()
    {
        var rules = new Dictionary<int, List<Rule>>();
        if (_data.Restrictions.Count == 0)
            return rules;
        var wayIndex = new Dictionary<long, int>(_data.WayCount);
        for (int w = 0; w < _data.WayCount; w++)
            wayIndex.TryAdd(_data.WayIds[w], w);
        var viaIds = new LongIntMap(_data.Restrictions.Count);
        foreach (var r in _data.Restrictions)
            viaIds.GetOrAdd(r.ViaNode, viaIds.Count);
        // Road node of each via id (scan refs once instead of keeping the id map alive).
        var viaGraph = new int[viaIds.Count];
        Array.Fill(viaGraph, -1);
        var refs = CollectionsMarshal.AsSpan(_data.Refs);
        for (int i = 0; i < refs.Length; i++)
        {
            int k = viaIds.Get(refs[i]);
            if (k >= 0)
                viaGraph[k] = _graphIdOfRoad[_refNode[i]];
        }
        // Which (way, via node) pairs have an edge into / out of the via node.
        var viaNodes = new HashSet<int>(viaGraph);
        var arrives = new HashSet<(int Way, int Node)>();
        var leaves = new HashSet<(int Way, int Node)>();
        for (int e = 0; e < _eSrc.Count; e++)
        {
            if (viaNodes.Contains(_eTgt[e]))
                arrives.Add((_eWay[e], _eTgt[e]));
            if (viaNodes.Contains(_eSrc[e]))
                leaves.Add((_eWay[e], _eSrc[e]));
        }
        foreach (var r in _data.Restrictions)
        {
            int v = viaGraph[viaIds.Get(r.ViaNode)];
            if (v < 0 || !wayIndex.TryGetValue(r.FromWay, out int from) || !wayIndex.TryGetValue(r.ToWay, out int to)
                || !arrives.Contains((from, v)) || !leaves.Contains((to, v)))
            {
                RestrictionsInvalid++;
                continue;
            }
            if (!rules.TryGetValue(v, out var list))
                rules[v] = list = new List<Rule>();
            list.Add(new Rule(from, to, r.IsOnly));
            RestrictionsApplied++;
        }
        return rules;
    }

    /// <summary>Hilbert renumbering, CSR assembly, shapes in driving order, main component.</summary>
    private RoadGraph Finish(int[] src, int[] tgt, int[] orig, int[] nodeOrigin)
    {
        int n = nodeOrigin.Length;
        int m = src.Length;
        var graphLat = new int[n - SplitNodesAdded];
        var graphLon = new int[n - SplitNodesAdded];
        var graphControl = new byte[n - SplitNodesAdded];
        for (int r = 0; r < _graphIdOfRoad.Length; r++)
        {
            int g = _graphIdOfRoad[r];
            if (g < 0) continue;
            graphLat[g] = _roadLat[r];
            graphLon[g] = _roadLon[r];
            graphControl[g] = _roadControl[r];
        }
        var lat = new int[n];
        var lon = new int[n];
        for (int v = 0; v < n; v++)
        {
            lat[v] = graphLat[nodeOrigin[v]];
            lon[v] = graphLon[nodeOrigin[v]];
        }

        int[] newId = HilbertCurve.Rank(lat, lon);
        var finalLat = new int[n];
        var finalLon = new int[n];
        var finalControl = new byte[n];
        for (int v = 0; v < n; v++)
        {
            finalLat[newId[v]] = lat[v];
            finalLon[newId[v]] = lon[v];
            finalControl[newId[v]] = graphControl[nodeOrigin[v]];
        }

        var firstEdge = new int[n + 1];
        for (int e = 0; e < m; e++)
            firstEdge[newId[src[e]] + 1]++;
        for (int v = 0; v < n; v++)
            firstEdge[v + 1] += firstEdge[v];
        var cursor = new int[n];
        Array.Copy(firstEdge, cursor, n);
        var placed = new int[m];
        for (int e = 0; e < m; e++)
            placed[cursor[newId[src[e]]]++] = e;

        var edgeTarget = new int[m];
        var duration = new int[m];
        var distance = new int[m];
        var roadClass = new byte[m];
        var shapeStart = new int[m + 1];
        long shapeTotal = 0;
        for (int i = 0; i < m; i++)
            shapeTotal += _eShapeLen[orig[placed[i]]];
        var shapeLat = new int[shapeTotal];
        var shapeLon = new int[shapeTotal];
        int s = 0;
        for (int i = 0; i < m; i++)
        {
            int e = placed[i];
            int o = orig[e];
            edgeTarget[i] = newId[tgt[e]];
            duration[i] = _eDur[o];
            distance[i] = _eDist[o];
            roadClass[i] = _eClass[o];
            shapeStart[i] = s;
            int from = _eShapeStart[o], len = _eShapeLen[o];
            if (_eReversed[o])
                for (int k = len - 1; k >= 0; k--, s++) { shapeLat[s] = _shapeLat[from + k]; shapeLon[s] = _shapeLon[from + k]; }
            else
                for (int k = 0; k < len; k++, s++) { shapeLat[s] = _shapeLat[from + k]; shapeLon[s] = _shapeLon[from + k]; }
        }
        shapeStart[m] = s;
        var main = StronglyConnectedComponents.LargestComponent(firstEdge, edgeTarget);
        var edgeWay = new int[m];
        for (int i = 0; i < m; i++) edgeWay[i] = _eWay[orig[placed[i]]];
        var edgeSource = new int[m];
        for (int v = 0; v < n; v++)
            for (int e = firstEdge[v]; e < firstEdge[v + 1]; e++) edgeSource[e] = v;
        var viaWay = ViaWayRestrictions(edgeWay, edgeSource, edgeTarget, finalLat, finalLon);
        return new RoadGraph(finalLat, finalLon, firstEdge, edgeTarget, duration, distance, roadClass, shapeStart, shapeLat, shapeLon, main)
        {
            NodeControls = finalControl,
            ViaWayRestrictions = viaWay,
        };
    }

    /// <summary>
    /// Matches via-way restrictions to edges: a from-way edge ending where a one-edge via-way edge starts, and a
    /// to-way edge starting where it ends (by position, so split via nodes still match). Restrictions whose via
    /// way has several edges, or whose ways do not meet, are counted as invalid.
    /// </summary>
    private ViaWayRestriction[] ViaWayRestrictions(int[] edgeWay, int[] edgeSource, int[] edgeTarget, int[] lat, int[] lon)
    {
        var list = _data.ViaWayRestrictionList;
        if (list.Count == 0) return [];
        var wayIndex = new Dictionary<long, int>(_data.WayCount);
        for (int w = 0; w < _data.WayCount; w++) wayIndex.TryAdd(_data.WayIds[w], w);
        var wanted = new HashSet<int>();
        foreach (var r in list)
            foreach (long id in new[] { r.FromWay, r.ViaWay, r.ToWay })
                if (wayIndex.TryGetValue(id, out int w)) wanted.Add(w);
        var edgesOfWay = new Dictionary<int, List<int>>();
        for (int e = 0; e < edgeWay.Length; e++)
        {
            if (!wanted.Contains(edgeWay[e])) continue;
            if (!edgesOfWay.TryGetValue(edgeWay[e], out var l)) edgesOfWay[edgeWay[e]] = l = new List<int>();
            l.Add(e);
        }
        bool Meet(int a, int b) => lat[a] == lat[b] && lon[a] == lon[b];
        var result = new List<ViaWayRestriction>();
        foreach (var r in list)
        {
            if (!wayIndex.TryGetValue(r.FromWay, out int f) || !wayIndex.TryGetValue(r.ViaWay, out int v) || !wayIndex.TryGetValue(r.ToWay, out int t)
                || !edgesOfWay.TryGetValue(f, out var fromEdges) || !edgesOfWay.TryGetValue(v, out var viaEdges) || !edgesOfWay.TryGetValue(t, out var toEdges))
            {
                ViaWayRestrictionsInvalid++;
                continue;
            }
            int before = result.Count;
            foreach (int via in viaEdges)
                foreach (int from in fromEdges)
                {
                    if (!Meet(edgeTarget[from], edgeSource[via])) continue;
                    foreach (int to in toEdges)
                        if (Meet(edgeTarget[via], edgeSource[to]) && to != via && from != via)
                            result.Add(new ViaWayRestriction(from, via, to, r.IsOnly));
                }
            if (result.Count > before) ViaWayRestrictionsApplied++;
            else ViaWayRestrictionsInvalid++;
        }
        return result.ToArray();
    }
}
