using System.Diagnostics;
using DemandMobility.Cluster.Balancing;
using DemandMobility.Dispatch.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Cluster.Grains;

internal sealed partial class ServiceAreaGrain : IIncomingGrainCallFilter
{
    /// <summary>How old the reported counts may be before a report starts counting again.</summary>
    private static readonly TimeSpan SizeRefresh = TimeSpan.FromSeconds(10);

    private AreaLoadMeter? _load;
    private EngineSize _size = new(0, 0, 0);
    private long _sizedAt;
    private Task? _sizing;

    /// <summary>The area's meter, smoothed as the balancing round is configured (its default without one).</summary>
    private AreaLoadMeter Load => _load ??= new AreaLoadMeter(
        (ServiceProvider.GetService<AreaRebalancingOptions>() ?? new AreaRebalancingOptions()).LoadSmoothing);

    /// <summary>The engine's CPU already handed to the meter (ticks; the engine's count starts at zero per activation).</summary>
    private long _cpuRecorded;

    /// <summary>
    /// Counts every call of the area's own interface and its reminder rounds (not the streaming extension's calls,
    /// which wait for changes) and hands the meter the CPU the area's engine used since the last call
    /// (<see cref="DispatchEngine.Cpu"/>, per-thread CPU of its quotes, commands and rounds).
    /// </summary>
    /// <remarks>
    /// Not the call's wall time: that counts waiting for PostgreSQL, for the engine's lock and, on a busy silo, for a
    /// core, so an area whose calls wait would weigh as much as one that computes, and every area would look heavier
    /// the busier its silo is. And not the CPU between the call's start and end on one thread: an awaited call resumes
    /// on another thread, and reentrant calls interleave. The engine's running total, read after each call, counts
    /// each section once whichever call it belonged to (turns of one activation never run in parallel, so the read
    /// and the update of <see cref="_cpuRecorded"/> need no lock).
    /// </remarks>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var declared = context.InterfaceMethod?.DeclaringType;
        if (declared != typeof(IServiceAreaGrain) && declared != typeof(IRemindable))
        {
            await context.Invoke();
            return;
        }
        try
        {
            await context.Invoke();
        }
        finally
        {
            Load.Record(time.GetUtcNow(), TakeEngineCpu());
        }
    }

    /// <summary>The engine's CPU since the last time it was taken.</summary>
    private TimeSpan TakeEngineCpu()
    {
        if (_engine is not { } engine) return TimeSpan.Zero;
        long total = engine.Cpu.Total.Ticks;
        long spent = total - _cpuRecorded;
        _cpuRecorded = total;
        return TimeSpan.FromTicks(Math.Max(0, spent));
    }

    /// <remarks>
    /// Counting vehicles and bookings takes the engine's reader lock, which may wait behind a PostgreSQL append; the
    /// balancing round must not wait for it (its calls time out after 5 s on a loaded silo). So a report answers the
    /// counts of the last count (at most <see cref="SizeRefresh"/> old, zero before the first) and starts the next.
    /// </remarks>
    public Task<AreaLoad> ReportLoadAsync()
    {
        if (_sizing is null or { IsCompleted: true } && Stopwatch.GetElapsedTime(_sizedAt) > SizeRefresh) _sizing = CountAsync();
        // Work done outside the counted calls (a watcher's reads) counts now, as CPU without a call.
        Load.Record(time.GetUtcNow(), TakeEngineCpu(), calls: 0);
        var reading = Load.Read(time.GetUtcNow());
        return Task.FromResult(new AreaLoad(this.GetPrimaryKeyString(), silo.SiloAddress.ToString(), reading.BusyMsPerMinute,
            reading.CallsPerMinute, _size.Vehicles, _size.OpenBookings, _size.OpenOffers));
    }

    private async Task CountAsync()
    {
        if (_engine is not { } engine) return;
        _size = await engine.MeasureAsync();
        _sizedAt = Stopwatch.GetTimestamp();
    }
}
