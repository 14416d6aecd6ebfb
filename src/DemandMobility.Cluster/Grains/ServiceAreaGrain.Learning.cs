using DemandMobility.Dispatch.Learning;
using Microsoft.Extensions.Logging;

namespace DemandMobility.Cluster.Grains;

/// <summary>
/// The area's learned travel times, when its engine learns (<see cref="Engines.AreaEngineFactory"/> with learning): the
/// activation loads the evidence kept in the area's schema and plans with it, runs the single-process learning loop
/// (learn, re-weight, keep every <c>Learning:Interval</c>) for as long as it lives, and keeps what it learned when it
/// deactivates, so the next activation (on any silo) goes on from there. A silo that dies loses the fixes since the
/// last keep, as a single process that dies does.
/// </summary>
internal sealed partial class ServiceAreaGrain
{
    private Task? _learningLoop;
    private int _learnedCellsAtActivation;

    /// <summary>Loads the kept evidence (off the grain's thread: a database read) and starts the loop.</summary>
    private async Task StartLearningAsync(string areaId)
    {
        if (_engine?.Learning is not { } learning) return;
        var load = await Task.Run(learning.Load);
        if (load.Status == LearnedTimesStatus.Rejected) LogLearnedRejected(logger, areaId, load.Message);
        _learnedCellsAtActivation = load.Cells;
        var stop = _activationEnded.Token;
        _learningLoop = Task.Run(async () =>
        {
            try
            {
                // Quotes plan on the profile until the learned router is built (about a second of CPU), then on it.
                if (load.Status == LearnedTimesStatus.Loaded) learning.Reweight(learning.HourOf(time.GetUtcNow()));
                await learning.RunAsync(time, stop);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogLearningFailed(logger, ex, areaId);
            }
        }, CancellationToken.None);
    }

    /// <summary>Ends the loop and keeps what was learned since its last round (the activation's token is already cancelled).</summary>
    private async Task StopLearningAsync()
    {
        if (_engine?.Learning is not { } learning || _learningLoop is null) return;
        await _learningLoop;
        try
        {
            await Task.Run(() =>
            {
                learning.Learn();
                learning.Save();
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLearningFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service area {Area}: learned travel times not loaded, learning starts empty: {Message}")]
    private static partial void LogLearnedRejected(ILogger logger, string area, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Service area {Area}: learning travel times failed; planning keeps its current router.")]
    private static partial void LogLearningFailed(ILogger logger, Exception exception, string area);
}
