using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

/// <summary>
/// An area's changes since a journal position (<c>DispatchEngine.GetChangesSinceAsync</c>) with the activation that
/// answered: a position of one activation means nothing to the next, so a reader that sees another activation reads
/// everything again.
/// </summary>
/// <param name="Activation">See <see cref="AreaChangeMark.Activation"/>.</param>
/// <param name="Changes">The engine's answer (ids area-local in the grain, area-scoped once routed).</param>
[GenerateSerializer, Immutable, Alias("DemandMobility.Cluster.AreaChanges")]
public sealed record AreaChanges([property: Id(0)] string Activation, [property: Id(1)] StateChanges Changes);
