namespace DemandMobility.Simulator.Engine;

/// <summary>
/// How many trip requests the simulator has in flight at once (gRPC mode). The simulated day is cut into intervals of
/// <see cref="Interval"/>; when the first request of an interval is due, every passenger request of that interval is
/// asked then (its requested times unchanged), at most <see cref="MaxInFlight"/> at a time, and the simulated clock
/// moves on only when all of them are answered. Requests of one service area are asked one after the other in request
/// order unless <see cref="PerAreaOrder"/> is off, so a dispatcher whose areas answer deterministically gives one
/// result per seed; with it off, requests of one area race and the result depends on which the server answers first.
/// </summary>
/// <param name="MaxInFlight">Requests asked at the same time (1 = one after the other, each at its own request time).</param>
/// <param name="Interval">Length of the simulated intervals whose requests are asked together.</param>
/// <param name="PerAreaOrder">Keep the requests of one service area in order (deterministic per seed).</param>
public sealed record RequestConcurrency(int MaxInFlight, TimeSpan Interval, bool PerAreaOrder = true)
{
    /// <summary>One request at a time, each at its own request time (the in-process default).</summary>
    public static RequestConcurrency Sequential { get; } = new(1, TimeSpan.FromMinutes(1));

    /// <summary>True when requests are batched per interval.</summary>
    public bool Batched => MaxInFlight > 1;
}
