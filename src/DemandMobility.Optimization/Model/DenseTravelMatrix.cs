namespace DemandMobility.Optimization.Model;

/// <summary>A travel matrix held as two flat row-major arrays.</summary>
public sealed class DenseTravelMatrix : ITravelMatrix
{
    private readonly double[] _durations;
    private readonly double[] _distances;

    /// <summary>Wraps row-major arrays of Count × Count entries (taken over, not copied).</summary>
    public DenseTravelMatrix(int count, double[] durations, double[] distances)
    {
        if (durations.Length != count * count || distances.Length != count * count)
            throw new ArgumentException($"Matrix arrays must hold {count}×{count} entries.");
        Count = count;
        _durations = durations;
        _distances = distances;
    }

    /// <summary>Builds a matrix where travel time equals Euclidean distance (speed 1), as in the DARP and PDPTW benchmarks.</summary>
    public static DenseTravelMatrix Euclidean(IReadOnlyList<(double X, double Y)> points)
    {
        int n = points.Count;
        var d = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double dx = points[i].X - points[j].X, dy = points[i].Y - points[j].Y;
                d[i * n + j] = Math.Sqrt(dx * dx + dy * dy);
            }
        return new DenseTravelMatrix(n, d, (double[])d.Clone());
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public double Duration(int from, int to) => _durations[from * Count + to];

    /// <inheritdoc />
    public double Distance(int from, int to) => _distances[from * Count + to];
}
