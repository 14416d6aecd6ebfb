using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// What changed since a console source's position (<see cref="IConsoleSource.GetChangesSinceAsync"/>): the engine's
/// answer, merged over every area in a cluster, and the areas whose own journal could not say what changed (the area
/// re-activated elsewhere, or its journal no longer reaches back). <see cref="StateChanges.Complete"/> false means the
/// source cannot say anything (a position it does not know): the reader reads everything. Otherwise the lists hold
/// every change of the other areas, and the reader reads only <see cref="AreasToRead"/> in full.
/// </summary>
/// <param name="Changes">The changes of every area that could say (all of them in one process).</param>
/// <param name="AreasToRead">Areas to read again in full (always empty in one process).</param>
internal sealed record ConsoleChanges(StateChanges Changes, IReadOnlyList<string> AreasToRead);
