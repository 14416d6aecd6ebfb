using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Learning;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Runs <see cref="TravelTimeLearning.RunAsync"/> on the injected <see cref="TimeProvider"/>: reads the saved evidence
/// at start (and plans with it at once), lets the engine feed fixes to the learning, then learns, re-weights and
/// saves every <c>Learning:Interval</c>. A re-weighted router is swapped in while quotes keep running.
/// </summary>
internal sealed partial class LearningLoop(
    IServiceProvider services,
    IOptions<LearningSettings> settings,
    TimeProvider time,
    ILogger<LearningLoop> logger) : BackgroundService
{
    private TravelTimeLearning? _learning;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!settings.Value.Enabled) return Task.CompletedTask;
        var learning = _learning = services.GetRequiredService<TravelTimeLearning>();
        var load = learning.Load();
        if (load.Status == LearnedTimesStatus.Rejected) LogRejected(logger, load.Message);
        else if (load.Status == LearnedTimesStatus.Loaded)
        {
            LogLoaded(logger, load.Cells);
            learning.Reweight(learning.HourOf(time.GetUtcNow()));
        }
        services.GetRequiredService<DispatchEngine>().UseLearning(learning);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_learning is not { } learning) return;
        try
        {
            await learning.RunAsync(time, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The loop ends; planning keeps the router it has (profile or last learned) and nothing is corrupted.
            LogFailure(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Learned travel times: {Cells} edge-hour cells loaded.")]
    private static partial void LogLoaded(ILogger logger, int cells);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Learned travel times not loaded, starting empty: {Message}")]
    private static partial void LogRejected(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "The travel-time learning loop failed; planning keeps its current router.")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
