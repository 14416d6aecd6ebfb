using DemandMobility.Dispatch.Results;

namespace DemandMobility.Cluster.Grains;

/// <summary>
/// What an area made of a batch of GPS fixes, in order: how many it accepted and refused as implausible, the index
/// of the last accepted one, and the error that stopped the batch (an unknown vehicle or another driver's), after
/// which no later fix of the batch was applied.
/// </summary>
/// <param name="Accepted">Fixes the engine applied.</param>
/// <param name="Rejected">Fixes the engine refused as implausible (the stream goes on).</param>
/// <param name="LastAcceptedIndex">Index in the batch of the last applied fix, -1 when none.</param>
/// <param name="Stop">NotFound or PermissionDenied: the stream ends with it.</param>
[GenerateSerializer, Immutable, Alias("DemandMobility.Cluster.PositionBatchResult")]
public sealed record PositionBatchResult(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Rejected,
    [property: Id(2)] int LastAcceptedIndex,
    [property: Id(3)] DispatchError? Stop);
