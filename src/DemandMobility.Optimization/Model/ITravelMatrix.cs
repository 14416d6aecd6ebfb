namespace DemandMobility.Optimization.Model;

/// <summary>
/// Travel times and distances between the problem's locations (dense indices 0..Count-1), filled before
/// any search starts: nothing inside the solver routes or does I/O.
/// </summary>
public interface ITravelMatrix
{
    /// <summary>Number of locations.</summary>
    int Count { get; }

    /// <summary>Travel time from one location to another, seconds (or the instance's time unit).</summary>
    double Duration(int from, int to);

    /// <summary>Distance from one location to another, metres (or the instance's distance unit).</summary>
    double Distance(int from, int to);
}
