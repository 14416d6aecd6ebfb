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

    /// <summary>
    /// Measures every call of the area's own interface and its reminder rounds (not the streaming extension's
    /// calls, which wait for changes): their wall time, PostgreSQL writes included, is the area's load.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        var declared = context.InterfaceMethod?.DeclaringType;
        if (declared != typeof(IServiceAreaGrain) && declared != typeof(IRemindable))
        {
            await context.Invoke();
            return;
        }
        long start = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            Load.Record(time.GetUtcNow(), Stopwatch.GetElapsedTime(start));
        }
    }

    /// <remarks>
    /// Counting vehicles and bookings takes the engine's reader lock, which may wait behind a PostgreSQL append; the
    /// balancing round must not wait for it (its calls time out after 5 s on a loaded silo). So a report answers the
    /// counts of the last count (at most <see cref="SizeRefresh"/> old, zero before the first) and starts the next.
    /// </remarks>
    public Task<AreaLoad> ReportLoadAsync()
    {
        if (_sizing is null or { IsCompleted: true } && Stopwatch.GetElapsedTime(_sizedAt) > SizeRefresh) _sizing = CountAsync();
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
