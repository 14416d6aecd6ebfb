using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// Records what happened at a stop: arrival, boarding, drop-off, no-show (frees the seat), parcel
    /// loaded or handed over. The vehicle's position becomes the stop and the rest of its route is
    /// re-forecast. Drivers may report only for their own vehicle.
    /// </summary>
    public Task<DispatchResult<StopEventResult>> ReportStopEventAsync(
        CallerIdentity caller, StopEvent stopEvent, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ReportStopEvent", idempotencyKey, stopEvent, () => _stopEvents.Decide(caller, stopEvent), cancellationToken);
}
