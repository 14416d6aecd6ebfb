using DemandMobility.Routing.Contraction;

namespace DemandMobility.Routing.Query;

/// <summary>
/// Expands hierarchy arcs into original road edges (Geisberger et al. 2008, section 4.3: a shortcut u→x via
/// m is replaced by u→m and m→x, recursively). Uses an explicit stack, so deep shortcut nesting cannot
/// overflow the call stack.
/// </summary>
internal static class PathUnpacker
{
    public static void Append(ContractionHierarchy ch, int from, int to, int info, List<int> edges, Stack<(int From, int To, int Info)> stack)
    {
        stack.Clear();
        stack.Push((from, to, info));
        while (stack.Count > 0)
        {
            var (u, x, i) = stack.Pop();
            if (i >= 0) { edges.Add(i); continue; }
            int m = ~i;
            int first = FindDown(ch, m, u);
            int second = FindUp(ch, m, x);
            stack.Push((m, x, second));
            stack.Push((u, m, first));
        }
    }

    private static int FindDown(ContractionHierarchy ch, int m, int u)
    {
        for (int a = ch.DownFirst[m]; a < ch.DownFirst[m + 1]; a++)
            if (ch.DownSource[a] == u) return ch.DownInfo[a];
        throw new InvalidOperationException($"Hierarchy is inconsistent: no arc {u}->{m} for an unpacked shortcut.");
    }

    private static int FindUp(ContractionHierarchy ch, int m, int x)
    {
        for (int a = ch.UpFirst[m]; a < ch.UpFirst[m + 1]; a++)
            if (ch.UpTarget[a] == x) return ch.UpInfo[a];
        throw new InvalidOperationException($"Hierarchy is inconsistent: no arc {m}->{x} for an unpacked shortcut.");
    }
}
