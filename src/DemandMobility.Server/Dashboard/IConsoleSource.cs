using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// What the control room reads: one engine in a single process (<see cref="EngineConsoleSource"/>), or every service
/// area of a cluster merged with area-scoped ids (<see cref="ClusterConsoleSource"/>). The reads mean what the
/// engine's methods of the same name mean; the feed and the snapshot builder do not know which one they read.
/// </summary>
internal interface IConsoleSource
{
    /// <summary>Grows whenever what the console shows may have changed (the engine's change counter, or a merged one).</summary>
    long ChangeVersion { get; }

    /// <summary>Completes when <see cref="ChangeVersion"/> moved past <paramref name="seen"/> (or is cancelled).</summary>
    Task WaitForChangeAsync(long seen, CancellationToken cancellationToken);

    /// <summary>
    /// See <c>DispatchEngine.GetChangesSinceAsync</c> (positions are this source's own), with the areas that could not
    /// say what changed since (<see cref="ConsoleChanges"/>).
    /// </summary>
    Task<DispatchResult<ConsoleChanges>> GetChangesSinceAsync(CallerIdentity caller, long position, CancellationToken cancellationToken);

    /// <summary>The service area a vehicle or booking id belongs to (its area scope); null in one process.</summary>
    string? AreaOf(string id);

    /// <summary>See <c>DispatchEngine.GetFleetAsync</c>.</summary>
    Task<DispatchResult<FleetView>> GetFleetAsync(CallerIdentity caller, CancellationToken cancellationToken);

    /// <summary>See <c>DispatchEngine.GetKpisAsync</c>.</summary>
    Task<DispatchResult<KpiReport>> GetKpisAsync(CallerIdentity caller, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Several bookings at once (<c>DispatchEngine.GetBookingAsync</c> each): the view by id, null for a booking the
    /// engine does not know (an expired offer swept from memory); an id the engine refused otherwise is left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, BookingView?>> GetBookingsAsync(CallerIdentity caller, IReadOnlyList<string> bookingIds, CancellationToken cancellationToken);

    /// <summary>See <c>DispatchEngine.GetAlertLogAsync</c>.</summary>
    Task<DispatchResult<IReadOnlyList<AlertEntry>>> GetAlertLogAsync(CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>See <c>DispatchEngine.GetComputedAlertAcknowledgementsAsync</c>.</summary>
    Task<DispatchResult<IReadOnlyList<AlertAcknowledgement>>> GetComputedAlertAcknowledgementsAsync(CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>See <c>DispatchEngine.GetManifestAsync</c>.</summary>
    Task<DispatchResult<ManifestView>> GetManifestAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken);

    /// <summary>
    /// The events appended since the last call (the whole log on the first), as far as the console needs them:
    /// bookings named and quotes rejected. Called by one reader at a time (<see cref="BookingLedger"/>).
    /// </summary>
    IAsyncEnumerable<BookingLogEntry> ReadNewBookingLogAsync(CancellationToken cancellationToken);

    /// <summary>The outline drawn on the map (empty when there is none to draw).</summary>
    IReadOnlyList<GeoPoint> ServiceAreaOutline { get; }

    /// <summary>The cluster's service areas (id and boundary) drawn on the map; empty in one process.</summary>
    IReadOnlyList<(string Id, IReadOnlyList<GeoPoint> Boundary)> AreaOutlines { get; }

    /// <summary>
    /// The state at a past moment folded from the event log (<c>DispatchEngine.GetStateAtAsync</c>), or a
    /// FailedPrecondition refusal where the source cannot replay.
    /// </summary>
    Task<DispatchResult<PastStateView>> GetStateAtAsync(CallerIdentity caller, DateTimeOffset at, long? sequence, CancellationToken cancellationToken);
}

/// <summary>One event of the log as the console reads it: the booking it names, or the time of a rejected quote.</summary>
internal readonly record struct BookingLogEntry(string? BookingId, DateTimeOffset? RejectedAt);
