using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Views;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Calls <see cref="DispatchEngine.ReoptimiseAsync"/> every <c>Dispatch:ReoptimisationInterval</c> on the injected
/// <see cref="TimeProvider"/> (a fake clock drives it in tests). The engine adopts a result only when it is
/// cheaper and the plan did not move meanwhile, so a round never disturbs live commands. Offers expire in the
/// engine itself (a confirm after <c>expires_at</c> fails, and expired offers are swept from memory on the next
/// command), so the loop has nothing to sweep for them.
/// </summary>
internal sealed partial class ReoptimisationLoop(
    DispatchEngine engine,
    IOptions<Configuration.DispatchOptions> options,
    TimeProvider time,
    ILogger<ReoptimisationLoop> logger) : BackgroundService
{
    private int _rounds;

    /// <summary>Rounds finished so far (failed ones included), for monitoring and tests.</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    /// <summary>The outcome of the last successful round, or null before the first.</summary>
    public ReoptimisationResult? LastResult { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReoptimisationInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var result = await engine.ReoptimiseAsync(stoppingToken).ConfigureAwait(false);
                    LastResult = result;
                    LogRound(logger, result.Status.ToString(), result.CostBefore, result.CostAfter);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One failed round must not stop the service; the next tick tries again on the current plan.
                    LogFailure(logger, ex);
                }
                Interlocked.Increment(ref _rounds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Re-optimisation: {Status}, cost {Before:F0} -> {After:F0}.")]
    private static partial void LogRound(ILogger logger, string status, double before, double after);

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-optimisation round failed.")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
