namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// Runs read-only work on the planner and the engine's context under the reader lock, as a quote does: lets the
    /// tests compare the quote path's two problem sources and the benchmarks time its stages one by one.
    /// </summary>
    internal Task<T> ReadPlannerAsync<T>(Func<RoutePlanner, EngineContext, T> read, CancellationToken cancellationToken = default) =>
        ReadAsync(() => read(_planner, _context), cancellationToken);
}
