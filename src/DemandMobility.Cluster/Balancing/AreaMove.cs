namespace DemandMobility.Cluster.Balancing;

/// <summary>One area to move from the silo hosting it to a less busy one.</summary>
/// <typeparam name="TSilo">How silos are named (Orleans' silo address in the cluster, strings in tests).</typeparam>
public sealed record AreaMove<TSilo>(string AreaId, TSilo From, TSilo To);
