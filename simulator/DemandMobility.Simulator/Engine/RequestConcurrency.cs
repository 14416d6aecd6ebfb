namespace DemandMobility.Simulator.Engine;

/// <summary>
/// How the simulator overlaps its calls (gRPC mode). <see cref="Sequential"/> sends one call at a time, each at its own
/// simulated time (a gRPC run then equals an in-process one). Otherwise the run is <b>batched</b>, and the batching, not
/// <see cref="MaxInFlight"/>, decides the result:
/// <list type="bullet">
/// <item>the day is cut into intervals of <see cref="Interval"/>; when the first passenger request of an interval is
/// due, every passenger request of that interval is asked then (its requested times unchanged), and the simulated
/// clock moves on only when all of them are answered; requests of one service area go one after the other in request
/// order unless <see cref="PerAreaOrder"/> is off;</item>
/// <item>vehicle traffic at one simulated instant overlaps across vehicles: the shift starts (and ends) due at the same
/// time, the manifest reads of every vehicle after a re-optimisation round or a cancellation, and the GPS fixes sent
/// before quotes and rounds (one stream, vehicle order);</item>
/// <item>at most <see cref="MaxInFlight"/> calls are in flight at once.</item>
/// </list>
/// With <see cref="PerAreaOrder"/> a dispatcher whose areas answer deterministically gives one result per seed, the
/// same for every <see cref="MaxInFlight"/>; with it off, requests of one area race and the result depends on which
/// the server answers first.
/// </summary>
/// <param name="MaxInFlight">Calls in flight at most (1 = batched, but one call at a time).</param>
/// <param name="Interval">Length of the simulated intervals whose requests are asked together.</param>
/// <param name="PerAreaOrder">Keep the requests (and shift starts and ends) of one service area in order (deterministic per seed).</param>
public sealed record RequestConcurrency(int MaxInFlight, TimeSpan Interval, bool PerAreaOrder = true)
{
    /// <summary>One call at a time, each at its own simulated time (the in-process default).</summary>
    public static RequestConcurrency Sequential { get; } = new(1, TimeSpan.FromMinutes(1)) { Batched = false };

    /// <summary>True when requests are batched per interval and vehicle traffic per instant (every instance but <see cref="Sequential"/>).</summary>
    public bool Batched { get; init; } = true;
}
