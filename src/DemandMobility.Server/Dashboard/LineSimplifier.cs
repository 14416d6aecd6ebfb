namespace DemandMobility.Server.Dashboard;

/// <summary>
/// Ramer–Douglas–Peucker line simplification (Douglas &amp; Peucker 1973, "Algorithms for the reduction of the number of
/// points required to represent a digitized line or its caricature"): keeps the end points and, recursively, the point
/// farthest from the chord while it lies farther than the tolerance.
/// </summary>
internal static class LineSimplifier
{
    /// <summary>
    /// Marks the points to keep of a line given in local metres (x east, y north). Iterative with an explicit stack,
    /// so a long road cannot overflow the call stack.
    /// </summary>
    public static bool[] Keep(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double toleranceMetres)
    {
        int n = x.Length;
        var keep = new bool[n];
        if (n == 0) return keep;
        keep[0] = true;
        keep[n - 1] = true;
        if (n < 3) return keep;
        double tolerance2 = toleranceMetres * toleranceMetres;
        var stack = new Stack<(int From, int To)>();
        stack.Push((0, n - 1));
        while (stack.Count > 0)
        {
            var (from, to) = stack.Pop();
            int farthest = -1;
            double max = tolerance2;
            for (int i = from + 1; i < to; i++)
            {
                double d = SegmentDistance2(x[i], y[i], x[from], y[from], x[to], y[to]);
                if (d > max) { max = d; farthest = i; }
            }
            if (farthest < 0) continue;
            keep[farthest] = true;
            stack.Push((from, farthest));
            stack.Push((farthest, to));
        }
        return keep;
    }

    /// <summary>Squared distance from (px, py) to the segment a–b.</summary>
    private static double SegmentDistance2(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 <= 0 ? 0 : Math.Clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0, 1);
        double ex = ax + t * dx - px, ey = ay + t * dy - py;
        return ex * ex + ey * ey;
    }
}
