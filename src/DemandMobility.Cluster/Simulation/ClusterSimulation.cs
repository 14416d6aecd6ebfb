namespace DemandMobility.Cluster.Simulation;

/// <summary>
/// Simulation mode of a cluster (the simulator's gRPC mode): every area's engine follows one simulated clock that
/// only <c>SimulationControl.SetClock</c> moves, uses a seeded random source and a solver stopped by iteration count,
/// and runs its re-optimisation round only when asked (no wall-time reminder).
/// </summary>
/// <param name="Enabled">False on a live cluster (the default).</param>
/// <param name="Start">The clock's time until the first <c>SetClock</c>.</param>
/// <param name="Seed">Seed of every area's ids and solver (combined with the area id, so areas draw apart).</param>
/// <param name="Iterations">Solver iterations per round.</param>
public sealed record ClusterSimulation(bool Enabled, DateTimeOffset Start, int Seed, int Iterations)
{
    /// <summary>A live cluster: wall time, reminders, unseeded ids.</summary>
    public static readonly ClusterSimulation Off = new(false, default, 0, 0);
}
