using DemandMobility.Dispatch.Engine;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Every hour (on the injected <see cref="TimeProvider"/>) extends the default fleet's shift calendars so
/// the booking horizon keeps moving with the date while the server runs past midnight. Hourly rather than
/// at local midnight, so daylight-saving days and a clock jump need no special case; the engine skips
/// windows it already has.
/// </summary>
internal sealed partial class ShiftCalendarLoop(
    DispatchEngine engine,
    IOptions<FleetOptions> fleet,
    IOptions<RegionOptions> region,
    IOptions<Configuration.DispatchOptions> dispatch,
    TimeProvider time,
    ILogger<ShiftCalendarLoop> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await DefaultFleetCalendar.ExtendAsync(engine, fleet.Value, region.Value, dispatch.Value.BookingHorizonDays,
                        time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick retries; vehicles keep the windows they already have.
                    LogFailure(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Extending the default fleet's shift calendars failed.")]
    private static partial void LogFailure(ILogger logger, Exception exception);
}
