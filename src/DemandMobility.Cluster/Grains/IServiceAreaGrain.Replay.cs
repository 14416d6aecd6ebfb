using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

/// <summary>The control room's replay of an area: its state at a past moment, folded from its event log.</summary>
public partial interface IServiceAreaGrain
{
    /// <summary>See <c>DispatchEngine.GetStateAtAsync</c> (by time only: the merged replay of several logs has no common sequence).</summary>
    [Alias("GetStateAt")]
    Task<DispatchResult<PastStateView>> GetStateAtAsync(CallerIdentity caller, DateTimeOffset at);
}
