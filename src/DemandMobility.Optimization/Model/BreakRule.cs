namespace DemandMobility.Optimization.Model;

/// <summary>
/// A driver break: <see cref="Duration"/> seconds of rest that must start within
/// [<see cref="EarliestStart"/>, <see cref="LatestStart"/>]. It is taken where the vehicle is
/// (after a stop), and no passenger may be on board during it.
/// </summary>
public sealed record BreakRule(double EarliestStart, double LatestStart, double Duration);
