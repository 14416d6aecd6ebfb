using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Transit.Planning;

/// <summary>
/// Opens an in-process dispatch engine (in-memory event log) with a uniform fleet on shift, as the command line
/// and the benchmarks use it for planning without a server.
/// </summary>
public static class OnDemandFleet
{
    /// <summary>Opens the engine and registers and starts <paramref name="vehicles"/> minibuses at <paramref name="depot"/>.</summary>
    public static async Task<DispatchEngine> OpenAsync(DispatchOptions options, ITravelTimeService travel, TimeProvider clock,
        int vehicles, GeoPoint depot, DateTimeOffset shiftStart, DateTimeOffset shiftEnd, int seed = 1, CancellationToken cancellationToken = default)
    {
        var engine = await DispatchEngine.OpenAsync(options, travel, new InMemoryDispatchStore(), clock, new Random(seed),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var planner = CallerIdentity.Dispatcher("transit");
        for (int i = 1; i <= vehicles; i++)
        {
            string id = $"bus-{i}";
            var r = await engine.RegisterVehicleAsync(planner, new VehicleRegistration(id, new LoadVector(8, 1, 0, 2), depot, shiftStart, shiftEnd),
                cancellationToken).ConfigureAwait(false);
            if (!r.IsSuccess) throw new InvalidOperationException($"Vehicle {id} could not be registered: {r.Error!.Message}");
            await engine.StartShiftAsync(CallerIdentity.Driver(id), id, cancellationToken).ConfigureAwait(false);
        }
        return engine;
    }
}
