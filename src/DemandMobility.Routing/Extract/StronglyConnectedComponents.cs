namespace DemandMobility.Routing.Extract;

/// <summary>
/// Strongly connected components of a CSR graph with Tarjan's algorithm (R. Tarjan, "Depth-first search and
/// linear graph algorithms", SIAM J. Computing 1972), made iterative with an explicit call stack so that
/// million-node road graphs cannot overflow the thread stack.
/// </summary>
public static class StronglyConnectedComponents
{
    /// <summary>Marks the nodes of the largest strongly connected component.</summary>
    public static bool[] LargestComponent(int[] firstEdge, int[] edgeTarget)
    {
        int n = firstEdge.Length - 1;
        int[] component = Compute(firstEdge, edgeTarget, out int[] sizes);
        var result = new bool[n];
        if (sizes.Length == 0)
            return result;
        int best = 0;
        for (int c = 1; c < sizes.Length; c++)
            if (sizes[c] > sizes[best])
                best = c;
        for (int v = 0; v < n; v++)
            result[v] = component[v] == best;
        return result;
    }

    /// <summary>Component id of every node; <paramref name="sizes"/> gets the node count of each component.</summary>
    public static int[] Compute(int[] firstEdge, int[] edgeTarget, out int[] sizes)
    {
        int n = firstEdge.Length - 1;
        var index = new int[n];
        var low = new int[n];
        var component = new int[n];
        var onStack = new bool[n];
        var stack = new int[n];
        var callNode = new int[n];
        var callEdge = new int[n];
        Array.Fill(index, -1);
        var sizeList = new List<int>();
        int counter = 0, stackTop = 0;

        for (int root = 0; root < n; root++)
        {
            if (index[root] >= 0)
                continue;
            int callTop = 0;
            index[root] = low[root] = counter++;
            stack[stackTop++] = root;
            onStack[root] = true;
            callNode[0] = root;
            callEdge[0] = firstEdge[root];
            callTop = 1;
            while (callTop > 0)
            {
                int v = callNode[callTop - 1];
                int e = callEdge[callTop - 1];
                if (e < firstEdge[v + 1])
                {
                    callEdge[callTop - 1] = e + 1;
                    int w = edgeTarget[e];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = counter++;
                        stack[stackTop++] = w;
                        onStack[w] = true;
                        callNode[callTop] = w;
                        callEdge[callTop] = firstEdge[w];
                        callTop++;
                    }
                    else if (onStack[w] && index[w] < low[v])
                        low[v] = index[w];
                    continue;
                }
                callTop--;
                if (low[v] == index[v])
                {
                    int id = sizeList.Count;
                    int size = 0;
                    int w;
                    do
                    {
                        w = stack[--stackTop];
                        onStack[w] = false;
                        component[w] = id;
                        size++;
                    } while (w != v);
                    sizeList.Add(size);
                }
                if (callTop > 0)
                {
                    int parent = callNode[callTop - 1];
                    if (low[v] < low[parent])
                        low[parent] = low[v];
                }
            }
        }
        sizes = sizeList.ToArray();
        return component;
    }
}
