using System.Runtime.InteropServices;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Query;

namespace DemandMobility.Routing.Contraction;

/// <summary>
/// The shrinking graph of not-yet-contracted nodes, with out- and in-arc lists per node. Mutable by design:
/// contraction removes a node's arcs from its neighbours and inserts shortcuts.
/// </summary>
internal sealed class OverlayGraph
{
    public readonly List<OverlayArc>[] Out;
    public readonly List<OverlayArc>[] In;

    public OverlayGraph(RoadGraph graph)
    {
        int n = graph.NodeCount;
        Out = new List<OverlayArc>[n];
        In = new List<OverlayArc>[n];
        for (int v = 0; v < n; v++)
        {
            Out[v] = new List<OverlayArc>(graph.FirstEdge[v + 1] - graph.FirstEdge[v]);
            In[v] = new List<OverlayArc>(4);
        }
        for (int v = 0; v < n; v++)
        {
            for (int e = graph.FirstEdge[v]; e < graph.FirstEdge[v + 1]; e++)
            {
                int t = graph.EdgeTarget[e];
                if (t == v) continue; // a loop never lies on a shortest path
                long w = PathWeight.Pack(graph.EdgeDurationMs[e], graph.EdgeDistanceDm[e]);
                AddOrImprove(Out[v], t, w, e);
                AddOrImprove(In[t], v, w, e);
            }
        }
    }

    /// <summary>Adds arc to node, or lowers the existing one's weight; parallel arcs collapse to the best.</summary>
    public static void AddOrImprove(List<OverlayArc> list, int node, long weight, int info)
    {
        var span = CollectionsMarshal.AsSpan(list);
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i].Node != node) continue;
            if (weight < span[i].Weight) span[i] = new OverlayArc(node, weight, info);
            return;
        }
        list.Add(new OverlayArc(node, weight, info));
    }

    public static void Remove(List<OverlayArc> list, int node)
    {
        var span = CollectionsMarshal.AsSpan(list);
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i].Node != node) continue;
            span[i] = span[^1];
            list.RemoveAt(list.Count - 1);
            return;
        }
    }
}
