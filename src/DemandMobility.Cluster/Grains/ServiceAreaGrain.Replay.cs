using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

internal sealed partial class ServiceAreaGrain
{
    // Read-only: the engine folds its store's log in a fresh state (checkpoints in this activation's memory).
    public Task<DispatchResult<PastStateView>> GetStateAtAsync(CallerIdentity caller, DateTimeOffset at) =>
        Engine.GetStateAtAsync(caller, at);
}
