using Microsoft.Extensions.Logging;
using Orleans.Runtime.Placement;

namespace DemandMobility.Cluster.Grains;

internal sealed partial class ServiceAreaGrain
{
    public Task MoveToAsync(SiloAddress target)
    {
        if (target.Equals(silo.SiloAddress)) return Task.CompletedTask;
        LogMoving(logger, this.GetPrimaryKeyString(), target.ToString());
        // Migration hands the current request context to the placement director, which places on the hinted silo
        // when it is still compatible (active); the hint is removed again so that it does not travel with later calls.
        RequestContext.Set(IPlacementDirector.PlacementHintKey, target);
        try
        {
            MigrateOnIdle();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Service area {Area} moves to silo {Target} to balance the silos.")]
    private static partial void LogMoving(ILogger logger, string area, string target);
}
