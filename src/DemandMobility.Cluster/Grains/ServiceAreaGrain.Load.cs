using System.Diagnostics;
using DemandMobility.Cluster.Balancing;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Cluster.Grains;

internal sealed partial class ServiceAreaGrain : IIncomingGrainCallFilter
{
    private AreaLoadMeter? _load;

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

    public async Task<AreaLoad> ReportLoadAsync()
    {
        var reading = Load.Read(time.GetUtcNow());
        var size = await Engine.MeasureAsync();
        return new AreaLoad(this.GetPrimaryKeyString(), silo.SiloAddress.ToString(), reading.BusyMsPerMinute, reading.CallsPerMinute,
            size.Vehicles, size.OpenBookings, size.OpenOffers);
    }
}
