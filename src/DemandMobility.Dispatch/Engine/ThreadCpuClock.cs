using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// CPU time consumed by the calling thread so far: <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> on Linux, macOS and
/// FreeBSD (POSIX.1-2008), <c>GetThreadTimes</c> (kernel + user) on Windows.
/// </summary>
/// <remarks>
/// Why per thread and not per process or per call: an area's cost must be told apart from its neighbours' in the same
/// process, and the wall time of a call counts the time it waits (the engine's lock, a PostgreSQL append, a machine
/// shared with other work) as if it were work. A thread's CPU clock only advances while that thread runs, so the
/// difference of two readings on the same thread, with no <c>await</c> in between, is exactly the CPU that section
/// used. Sections that await must therefore be measured piece by piece (see <see cref="EngineCpu"/>). On a platform
/// without a thread CPU clock the reading falls back to the wall clock, which over-counts waiting but never misses work.
/// </remarks>
internal static class ThreadCpuClock
{
    private const int LinuxThreadClock = 3;   // CLOCK_THREAD_CPUTIME_ID in <linux/time.h>
    private const int AppleThreadClock = 16;  // CLOCK_THREAD_CPUTIME_ID in <time.h> on macOS
    private const int FreeBsdThreadClock = 14; // CLOCK_THREAD_CPUTIME_ID in <sys/time.h> on FreeBSD

    private static readonly int PosixClock =
        OperatingSystem.IsLinux() ? LinuxThreadClock
        : OperatingSystem.IsMacOS() ? AppleThreadClock
        : OperatingSystem.IsFreeBSD() ? FreeBsdThreadClock
        : -1;

    /// <summary>The calling thread's CPU time, in <see cref="TimeSpan"/> ticks (100 ns).</summary>
    public static long NowTicks()
    {
        if (PosixClock >= 0 && clock_gettime(PosixClock, out var ts) == 0)
            return ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanoseconds / 100;
        if (OperatingSystem.IsWindows() && GetThreadTimes(GetCurrentThread(), out _, out _, out long kernel, out long user))
            return kernel + user;
        return Stopwatch.GetElapsedTime(0).Ticks;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clockId, out Timespec value);

    [DllImport("kernel32")]
    private static extern nint GetCurrentThread();

    [DllImport("kernel32")]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GetThreadTimes(nint thread, out long creation, out long exit, out long kernel, out long user);
}
