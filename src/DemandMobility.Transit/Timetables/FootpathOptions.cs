namespace DemandMobility.Transit.Timetables;

/// <summary>
/// How footpaths between nearby stops are derived where the feed gives none: straight-line distance ×
/// <see cref="DetourFactor"/> at <see cref="WalkingSpeed"/>, for stops at most <see cref="MaxMetres"/> apart.
/// Transfers from transfers.txt (type 2 with a minimum time, type 3 forbidding) take precedence.
/// </summary>
/// <param name="MaxMetres">Largest straight-line distance that gets a footpath.</param>
/// <param name="WalkingSpeed">Walking speed in metres per second (1.25 m/s = 4.5 km/h).</param>
/// <param name="DetourFactor">Ratio of walked to straight-line distance.</param>
/// <param name="DefaultChangeSeconds">Minimum time to change trips at the same stop when transfers.txt says nothing.</param>
public sealed record FootpathOptions(double MaxMetres = 400, double WalkingSpeed = 1.25, double DetourFactor = 1.3, int DefaultChangeSeconds = 120)
{
    /// <summary>Walking seconds for a straight-line distance.</summary>
    public int WalkSeconds(double metres) => (int)Math.Ceiling(metres * DetourFactor / WalkingSpeed);
}
