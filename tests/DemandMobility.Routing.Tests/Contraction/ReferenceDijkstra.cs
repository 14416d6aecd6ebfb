using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Query;

namespace DemandMobility.Routing.Tests.Contraction;

/// <summary>Plain Dijkstra over packed (duration, distance) weights: the test oracle for the hierarchy.</summary>
internal static class ReferenceDijkstra
{
    public static long[] From(RoadGraph g, int source)
    {
        var dist = Enumerable.Repeat(PathWeight.Infinity, g.NodeCount).ToArray();
        var pq = new PriorityQueue<int, long>();
        dist[source] = 0;
        pq.Enqueue(source, 0);
        while (pq.TryDequeue(out int v, out long d))
        {
            if (d > dist[v]) continue;
            for (int e = g.FirstEdge[v]; e < g.FirstEdge[v + 1]; e++)
            {
                long nd = d + PathWeight.Pack(g.EdgeDurationMs[e], g.EdgeDistanceDm[e]);
                int t = g.EdgeTarget[e];
                if (nd < dist[t]) { dist[t] = nd; pq.Enqueue(t, nd); }
            }
        }
        return dist;
    }
}
