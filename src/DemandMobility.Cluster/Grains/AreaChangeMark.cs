namespace DemandMobility.Cluster.Grains;

/// <summary>
/// How far an area's engine has changed: its change counter (<c>DispatchEngine.ChangeVersion</c>) within one
/// activation. A new activation starts counting again, so a reader compares both.
/// </summary>
/// <param name="Activation">Names the activation (new on every activation, on whatever silo).</param>
/// <param name="Version">The engine's change counter.</param>
[GenerateSerializer, Immutable, Alias("DemandMobility.Cluster.AreaChangeMark")]
public sealed record AreaChangeMark([property: Id(0)] string Activation, [property: Id(1)] long Version);
