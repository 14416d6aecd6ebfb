using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using DemandMobility.Server.Configuration;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Brings the dispatcher up when the host starts: loads the road graph, opens the store, replays the event
/// log into the engine, and registers the configured default fleet for today's service day (vehicles already
/// in the log are left as they are), puts them on shift when their shift covers the current time, and fills
/// their shift calendars up to the booking horizon (<see cref="DefaultFleetCalendar"/>).
/// </summary>
internal sealed partial class EngineStartup(
    IServiceProvider services,
    IOptions<FleetOptions> fleet,
    IOptions<RegionOptions> region,
    IOptions<Configuration.DispatchOptions> dispatch,
    TimeProvider time,
    ILogger<EngineStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var engine = services.GetRequiredService<DispatchEngine>();
        LogReplay(logger, engine.Replay.LastSequence, engine.Replay.SnapshotSequence, engine.Replay.EventsReplayed);
        if (engine.Replay.Warning is { } warning) LogReplayWarning(logger, warning);
        var now = time.GetUtcNow();
        var (registered, started) = await DefaultFleetRegistration.RegisterAsync(engine, fleet.Value, region.Value, now, cancellationToken)
            .ConfigureAwait(false);
        var dispatcher = CallerIdentity.Dispatcher("system");
        await DefaultFleetCalendar.ExtendAsync(engine, fleet.Value, region.Value, dispatch.Value.BookingHorizonDays, now, cancellationToken)
            .ConfigureAwait(false);
        LogFleet(logger, registered, started, fleet.Value.Vehicles.Count);
        if (await engine.GetFleetAsync(dispatcher, cancellationToken).ConfigureAwait(false) is { IsSuccess: true } view
            && !view.Value!.Vehicles.Any(v => v.State == VehicleShiftState.OnShift))
            LogNoneOnShift(logger, now);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Engine state restored to event {Last}: snapshot at event {Snapshot} plus {Replayed} events replayed.")]
    private static partial void LogReplay(ILogger logger, long last, long snapshot, long replayed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning} The log was replayed from further back instead.")]
    private static partial void LogReplayWarning(ILogger logger, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Default fleet: {Registered} of {Configured} vehicles newly registered, {Started} shifts started.")]
    private static partial void LogFleet(ILogger logger, int registered, int started, int configured);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No vehicle is on shift now ({Now:O}): quotes for now are rejected as outside service hours until a shift starts (StartShift, or the next scheduled window).")]
    private static partial void LogNoneOnShift(ILogger logger, DateTimeOffset now);
}
