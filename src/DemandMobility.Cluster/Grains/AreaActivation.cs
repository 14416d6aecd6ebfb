namespace DemandMobility.Cluster.Grains;

/// <summary>One activation of a service area: the silo hosting it and what its replay restored.</summary>
/// <param name="AreaId">The area.</param>
/// <param name="Silo">The hosting silo's address.</param>
/// <param name="ActivatedAt">When the activation finished replaying.</param>
/// <param name="LastSequence">The last event of the log at activation.</param>
/// <param name="EventsReplayed">Events replayed after the snapshot used.</param>
/// <param name="LearnedCells">Edge-hour cells of learned travel times loaded from the area's schema (0 when the area does not learn).</param>
[GenerateSerializer, Immutable, Alias("DemandMobility.Cluster.AreaActivation")]
public sealed record AreaActivation(
    [property: Id(0)] string AreaId,
    [property: Id(1)] string Silo,
    [property: Id(2)] DateTimeOffset ActivatedAt,
    [property: Id(3)] long LastSequence,
    [property: Id(4)] long EventsReplayed,
    [property: Id(5)] int LearnedCells = 0);
