using DemandMobility.Dispatch.Engine;

namespace DemandMobility.Benchmarks;

/// <summary>
/// The calling thread's CPU time in milliseconds (the engine's <see cref="ThreadCpuClock"/>): on a loaded machine a
/// stage's wall time is mostly waiting for a core; its CPU time is the work.
/// </summary>
internal static class ThreadCpu
{
    public static double Ms() => ThreadCpuClock.NowTicks() / (double)TimeSpan.TicksPerMillisecond;
}
