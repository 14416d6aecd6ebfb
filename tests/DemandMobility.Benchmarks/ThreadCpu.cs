using System.Runtime.InteropServices;

namespace DemandMobility.Benchmarks;

/// <summary>
/// The calling thread's CPU time (Linux <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): on a loaded machine a stage's
/// wall time is mostly waiting for a core; its CPU time is the work. NaN elsewhere.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>CPU milliseconds the calling thread has used so far, or NaN when unavailable.</summary>
    public static double Ms()
    {
        if (!OperatingSystem.IsLinux()) return double.NaN;
        return ClockGetTime(ClockThreadCpuTimeId, out var t) == 0 ? t.Seconds * 1e3 + t.Nanoseconds / 1e6 : double.NaN;
    }
}
