namespace DemandMobility.Optimization.Model;

/// <summary>An interval [Earliest, Latest] for the start of service, in seconds of the problem's clock.</summary>
public readonly record struct TimeWindow(double Earliest, double Latest)
{
    /// <summary>A window that never binds.</summary>
    public static TimeWindow Unbounded => new(double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>True when t lies in the window, with a tolerance for floating-point sums.</summary>
    public bool Contains(double t, double tolerance = 1e-6) => t >= Earliest - tolerance && t <= Latest + tolerance;
}
