namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The CPU an engine has used so far, summed over the synchronous sections where it works: a quote's search, a command's
/// decision, serialising and applying events, a re-optimisation round's build, solve, check and adoption. Each section
/// is timed on its own thread's CPU clock (<see cref="ThreadCpuClock"/>), so waiting for the lock, for the store or for
/// a core on a busy machine costs nothing, and sections running in parallel on several threads add up. Thread-safe.
/// </summary>
/// <remarks>
/// What is not in it: the host's own work for a call (transport, serialisation of messages, the actor runtime),
/// which is proportional to the calls and counted by the host beside this figure.
/// </remarks>
public sealed class EngineCpu
{
    private long _ticks;

    /// <summary>CPU used by the engine's sections since it was created.</summary>
    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    /// <summary>Starts timing a section on the calling thread; dispose it on the same thread, with no await in between.</summary>
    internal Section Measure() => new(this, ThreadCpuClock.NowTicks());

    /// <summary>Runs <paramref name="work"/> as one section.</summary>
    internal T Measure<T>(Func<T> work)
    {
        using var _ = Measure();
        return work();
    }

    /// <summary>A running section: adds the thread's CPU since its start when disposed.</summary>
    internal readonly struct Section(EngineCpu owner, long start) : IDisposable
    {
        public void Dispose() => Interlocked.Add(ref owner._ticks, Math.Max(0, ThreadCpuClock.NowTicks() - start));
    }
}
