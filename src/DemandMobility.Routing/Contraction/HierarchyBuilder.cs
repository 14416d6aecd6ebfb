using System.Runtime.InteropServices;
using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Query;

namespace DemandMobility.Routing.Contraction;

/// <summary>
/// Builds a <see cref="ContractionHierarchy"/> following Geisberger, Sanders, Schultes and Delling (2008),
/// "Contraction Hierarchies: Faster and Simpler Hierarchical Routing in Road Networks": nodes are contracted
/// in order of a priority (section 3.1: edge difference, contracted neighbours, search-space depth), the
/// priority is refreshed lazily when a node reaches the queue head and for the neighbours of each
/// contracted node (section 3.1 "lazy updates", "neighbour updates"), and shortcuts are added only where a
/// bounded witness search (section 3.2) finds no path of at most the same weight.
/// </summary>
/// <remarks>
/// The initial priorities (one simulated contraction per node) are computed on all
/// cores; the contraction itself is sequential. Parallel rounds of independent sets (local priority minima)
/// were tried: on the synthetic 100k-road-node region they gave 37 % more shortcuts and 21 % larger upward
/// search spaces, and no speed-up on a shared 2-core machine, so the
/// strict global order is kept.
/// </remarks>
public static class HierarchyBuilder
{
    private readonly record struct Shortcut(int From, int To, long Weight);

    /// <summary>Contracts every node of the graph.</summary>
    public static ContractionHierarchy Build(RoadGraph graph, ContractionOptions? options = null)
    {
        options ??= ContractionOptions.Default;
        if (options.SimulationSettledLimit < 1 || options.ContractionSettledLimit < 1 || options.MaxParallelism < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options, "Witness settle limits must be at least 1 and MaxParallelism at least 0.");
        int n = graph.NodeCount;
        var overlay = new OverlayGraph(graph);
        var contractedNeighbours = new int[n];
        var level = new int[n];
        var rank = new int[n];
        var queue = new IndexedMinHeap(n);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism > 0 ? options.MaxParallelism : Environment.ProcessorCount };

        var priorities = new long[n];
        using (var local = new ThreadLocal<WitnessSearch>(() => new WitnessSearch(n)))
        {
            Parallel.For(0, n, parallel, v => priorities[v] = Priority(overlay, local.Value!, v, contractedNeighbours, level, options));
        }
        for (int v = 0; v < n; v++) queue.InsertOrDecrease(v, priorities[v]);

        var witness = new WitnessSearch(n);
        var up = new ArcCollector(n, graph.EdgeCount);
        var down = new ArcCollector(n, graph.EdgeCount);
        var neighbours = new List<int>();
        var shortcuts = new List<Shortcut>();
        int nextRank = 0;
        while (queue.Count > 0)
        {
            int v = queue.PopMin(out _);
            long p = Priority(overlay, witness, v, contractedNeighbours, level, options);
            if (queue.Count > 0 && p > queue.MinKey)
            {
                queue.Update(v, p);
                continue;
            }

            shortcuts.Clear();
            CountShortcuts(overlay, witness, v, options.ContractionSettledLimit, shortcuts);
            var outArcs = overlay.Out[v];
            var inArcs = overlay.In[v];
            up.Add(v, CollectionsMarshal.AsSpan(outArcs));
            down.Add(v, CollectionsMarshal.AsSpan(inArcs));
            neighbours.Clear();
            foreach (var a in inArcs) { OverlayGraph.Remove(overlay.Out[a.Node], v); neighbours.Add(a.Node); }
            foreach (var a in outArcs) { OverlayGraph.Remove(overlay.In[a.Node], v); if (!neighbours.Contains(a.Node)) neighbours.Add(a.Node); }
            overlay.Out[v] = new List<OverlayArc>(0);
            overlay.In[v] = new List<OverlayArc>(0);
            foreach (var s in shortcuts)
            {
                OverlayGraph.AddOrImprove(overlay.Out[s.From], s.To, s.Weight, ~v);
                OverlayGraph.AddOrImprove(overlay.In[s.To], s.From, s.Weight, ~v);
            }
            rank[v] = nextRank++;
            foreach (int w in neighbours)
            {
                contractedNeighbours[w]++;
                if (level[w] < level[v] + 1) level[w] = level[v] + 1;
            }
            foreach (int w in neighbours)
                if (queue.Contains(w)) queue.Update(w, Priority(overlay, witness, w, contractedNeighbours, level, options));
        }

        up.ToCsr(out var upFirst, out var upTarget, out var upWeight, out var upInfo);
        down.ToCsr(out var downFirst, out var downSource, out var downWeight, out var downInfo);
        return new ContractionHierarchy(rank, upFirst, upTarget, upWeight, upInfo, downFirst, downSource, downWeight, downInfo);
    }

    private static long Priority(OverlayGraph g, WitnessSearch witness, int v, int[] contractedNeighbours, int[] level, ContractionOptions o)
    {
        int shortcuts = CountShortcuts(g, witness, v, o.SimulationSettledLimit, null);
        int edgeDifference = shortcuts - g.Out[v].Count - g.In[v].Count;
        return (long)o.EdgeDifferenceWeight * edgeDifference + (long)o.ContractedNeighboursWeight * contractedNeighbours[v]
            + (long)o.LevelWeight * level[v];
    }

    /// <summary>
    /// For each in-neighbour u of v, one witness search from u (avoiding v) decides which pairs (u, x) need a
    /// shortcut u→x. Shortcuts are collected first and inserted after v is removed.
    /// </summary>
    private static int CountShortcuts(OverlayGraph g, WitnessSearch witness, int v, int settledLimit, List<Shortcut>? found)
    {
        int count = 0;
        var inArcs = g.In[v];
        var outArcs = g.Out[v];
        for (int i = 0; i < inArcs.Count; i++)
        {
            var a = inArcs[i];
            long maxWeight = -1;
            for (int j = 0; j < outArcs.Count; j++)
            {
                if (outArcs[j].Node == a.Node) continue;
                long w = a.Weight + outArcs[j].Weight;
                if (w > maxWeight) maxWeight = w;
            }
            if (maxWeight < 0) continue;
            witness.Run(g, a.Node, v, maxWeight, settledLimit);
            for (int j = 0; j < outArcs.Count; j++)
            {
                var b = outArcs[j];
                if (b.Node == a.Node) continue;
                long w = a.Weight + b.Weight;
                if (witness.Distance(b.Node) <= w) continue;
                count++;
                found?.Add(new Shortcut(a.Node, b.Node, w));
            }
        }
        return count;
    }
}
