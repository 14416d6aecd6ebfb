using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using DemandMobility.Server.Dashboard;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>
/// A console source the test scripts: a fleet and bookings held in dictionaries (ids area-scoped like a cluster's,
/// "east.…" / "west.…"), the next changes answer set by the test, and a record of which bookings each read asked for,
/// so a test can check what a refresh reads, not only what it shows.
/// </summary>
internal sealed class ScriptedConsoleSource : IConsoleSource
{
    private static readonly GeoPoint Here = new(49.98, 11.58);

    public Dictionary<string, VehicleStatusView> Fleet { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, BookingView> Bookings { get; } = new(StringComparer.Ordinal);

    /// <summary>The answer to the next change read after the first (the first, at position -1, is always "incomplete").</summary>
    public ConsoleChanges? NextChanges { get; set; }

    /// <summary>The ids asked for by each booking read, in order.</summary>
    public List<IReadOnlyList<string>> BookingReads { get; } = [];

    private readonly List<string> _newLog = [];
    private long _position;

    public long ChangeVersion => _position;

    public IReadOnlyList<GeoPoint> ServiceAreaOutline => [];

    public IReadOnlyList<(string Id, IReadOnlyList<GeoPoint> Boundary)> AreaOutlines => [];

    public string? AreaOf(string id) => id.Split('.') is [var area, _] ? area : null;

    /// <summary>
    /// A vehicle on shift with one stop: arriving at <paramref name="arrival"/>, leaving at <paramref name="departure"/>
    /// (a minute later unless given); its fix <paramref name="fixAt"/>.
    /// </summary>
    public void PutVehicle(string id, DateTimeOffset arrival, DateTimeOffset? fixAt, double delay = 0, DateTimeOffset? departure = null) =>
        Fleet[id] = new VehicleStatusView(id, VehicleShiftState.OnShift, fixAt is null ? null : Here, fixAt, new LoadVector(0, 0, 0, 0), new LoadVector(8, 1, 0, 2),
            [new ManifestStop(Here, arrival, departure ?? arrival.AddMinutes(1), delay, [], [], null)], delay);

    /// <summary>A booking of <paramref name="vehicleId"/>, new in the event log.</summary>
    public void PutBooking(string id, string vehicleId, BookingStatus status, DateTimeOffset pickup, DateTimeOffset expires, DateTimeOffset? estimated = null)
    {
        var request = new QuoteRequest(PlaceRef.At(49.98, 11.58), PlaceRef.At(49.99, 11.59), pickup, null);
        var offer = new Offer("o-" + id, id, new VirtualStop(Here, 0), new VirtualStop(Here, 0), pickup, pickup.AddMinutes(10), pickup, pickup.AddMinutes(20),
            null, expires, vehicleId);
        var booking = new Booking(id, "rider", status, request, offer, pickup.AddHours(-1), VehicleId: vehicleId);
        if (!Bookings.ContainsKey(id)) _newLog.Add(id);
        Bookings[id] = new BookingView(booking, estimated ?? pickup, pickup.AddMinutes(20), 0, null);
    }

    public Task WaitForChangeAsync(long seen, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<DispatchResult<ConsoleChanges>> GetChangesSinceAsync(CallerIdentity caller, long position, CancellationToken cancellationToken)
    {
        _position++;
        var answer = position < 0 || NextChanges is null
            ? new ConsoleChanges(new StateChanges(_position, DateTimeOffset.UtcNow, false, [], [], [], true, true), [])
            : NextChanges with { Changes = NextChanges.Changes with { Position = _position } };
        return Task.FromResult<DispatchResult<ConsoleChanges>>(answer);
    }

    /// <summary>A complete answer naming nothing changed, with <paramref name="areas"/> to read again in full.</summary>
    public static ConsoleChanges Nothing(params string[] areas) =>
        new(new StateChanges(0, DateTimeOffset.UtcNow, true, [], [], [], false, false), areas);

    public Task<DispatchResult<FleetView>> GetFleetAsync(CallerIdentity caller, CancellationToken cancellationToken) =>
        Task.FromResult<DispatchResult<FleetView>>(new FleetView(DateTimeOffset.UtcNow, [.. Fleet.Values.OrderBy(v => v.VehicleId, StringComparer.Ordinal)]));

    public Task<DispatchResult<KpiReport>> GetKpisAsync(CallerIdentity caller, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<DispatchResult<KpiReport>>(new KpiReport(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

    public Task<IReadOnlyDictionary<string, BookingView?>> GetBookingsAsync(CallerIdentity caller, IReadOnlyList<string> bookingIds, CancellationToken cancellationToken)
    {
        BookingReads.Add([.. bookingIds]);
        var views = bookingIds.ToDictionary(id => id, id => Bookings.GetValueOrDefault(id), StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyDictionary<string, BookingView?>>(views);
    }

    public Task<DispatchResult<IReadOnlyList<AlertEntry>>> GetAlertLogAsync(CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<DispatchResult<IReadOnlyList<AlertEntry>>>(ImmutableArray<AlertEntry>.Empty);

    public Task<DispatchResult<IReadOnlyList<AlertAcknowledgement>>> GetComputedAlertAcknowledgementsAsync(CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult<DispatchResult<IReadOnlyList<AlertAcknowledgement>>>(ImmutableArray<AlertAcknowledgement>.Empty);

    public Task<DispatchResult<ManifestView>> GetManifestAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken) =>
        Task.FromResult<DispatchResult<ManifestView>>(DispatchError.NotFound("Vehicle", vehicleId));

    public Task<DispatchResult<PastStateView>> GetStateAtAsync(CallerIdentity caller, DateTimeOffset at, long? sequence, CancellationToken cancellationToken) =>
        Task.FromResult<DispatchResult<PastStateView>>(DispatchError.Invalid("at", "not scripted"));

    public async IAsyncEnumerable<BookingLogEntry> ReadNewBookingLogAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var id in _newLog) yield return new BookingLogEntry(id, null);
        _newLog.Clear();
    }
}
