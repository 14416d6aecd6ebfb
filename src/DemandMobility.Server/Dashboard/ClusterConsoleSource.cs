using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Grains;
using DemandMobility.Cluster.Routing;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// The console source of a silo: every service area merged, ids area-scoped (<see cref="ServiceAreaRouter"/>). Each
/// area's grain answers its engine's reads; this class merges them and keeps what a merge needs:
/// <list type="bullet">
/// <item>a merged change counter, moved whenever any area's change mark (activation, engine counter) differs from the
/// last one seen; marks are polled every <see cref="PollInterval"/> while a console waits (one small grain call per
/// area), so a change reaches the feed within that interval plus the feed's own gap;</item>
/// <item>merged change positions: each position handed out names every area's journal position and activation, so
/// <see cref="GetChangesSinceAsync"/> asks each area only for its own changes; an area that re-activated (moved to
/// another silo: its journal restarted) or forgot that far back is named in <see cref="ConsoleChanges.AreasToRead"/>,
/// and the feed reads that area alone in full while the other areas' changes stand;</item>
/// <item>a cursor per area in its event log for the booking ledger (the log is in PostgreSQL, so it survives moves).</item>
/// </list>
/// </summary>
internal sealed class ClusterConsoleSource(ServiceAreaRouter router) : IConsoleSource
{
    /// <summary>How often change marks are polled while a console waits for a change.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Merged positions kept (the feed asks for the latest; a few more cover concurrent readers).</summary>
    private const int KeptPositions = 16;

    /// <summary>Events per booking-log page read from an area.</summary>
    private const int LogPage = 5000;

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _polling = new(1, 1);
    private readonly Dictionary<long, IReadOnlyDictionary<string, (string Activation, long Position)>> _positions = [];
    private readonly Queue<long> _positionOrder = new();
    private readonly Dictionary<string, long> _logCursors = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, AreaChangeMark>? _marks;
    private long _polledAt = long.MinValue;
    private long _version;
    private long _nextPosition;

    public long ChangeVersion => Interlocked.Read(ref _version);

    /// <summary>No single outline: the areas are drawn one by one (<see cref="AreaOutlines"/>).</summary>
    public IReadOnlyList<GeoPoint> ServiceAreaOutline => [];

    public IReadOnlyList<(string Id, IReadOnlyList<GeoPoint> Boundary)> AreaOutlines { get; } =
        [.. router.Areas.Areas.Select(a => (a.Id, (IReadOnlyList<GeoPoint>)a.Boundary))];

    public async Task WaitForChangeAsync(long seen, CancellationToken cancellationToken)
    {
        while (true)
        {
            await PollAsync(cancellationToken).ConfigureAwait(false);
            if (ChangeVersion != seen) return;
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads every area's change mark (at most once per poll interval, shared by concurrent waiters) and moves the counter on a difference.</summary>
    private async Task PollAsync(CancellationToken cancellationToken)
    {
        await _polling.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Environment.TickCount64 - _polledAt < (long)PollInterval.TotalMilliseconds) return;
            IReadOnlyDictionary<string, AreaChangeMark> marks;
            try
            {
                marks = await router.GetChangeMarksAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is TimeoutException or Orleans.Runtime.OrleansException)
            {
                // An area is moving: count it as a change, so the feed re-reads (and reports the failure, or the moved area).
                Interlocked.Increment(ref _version);
                return;
            }
            finally
            {
                _polledAt = Environment.TickCount64;
            }
            if (_marks is null || !SameMarks(_marks, marks)) Interlocked.Increment(ref _version);
            _marks = marks;
        }
        finally
        {
            _polling.Release();
        }
    }

    private static bool SameMarks(IReadOnlyDictionary<string, AreaChangeMark> a, IReadOnlyDictionary<string, AreaChangeMark> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && other == kv.Value);

    public async Task<DispatchResult<ConsoleChanges>> GetChangesSinceAsync(CallerIdentity caller, long position, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, (string Activation, long Position)>? previous;
        lock (_lock) previous = position >= 0 ? _positions.GetValueOrDefault(position) : null;
        var ids = router.Areas.Areas.Select(a => a.Id).ToList();
        var answers = await Task.WhenAll(ids.Select(id => router.GetChangesSinceAsync(caller, id,
            previous is not null && previous.TryGetValue(id, out var p) ? p.Position : -1))).ConfigureAwait(false);
        bool alerts = false, kpis = false;
        var at = DateTimeOffset.MinValue;
        var vehicles = ImmutableArray.CreateBuilder<VehicleStatusView>();
        var bookings = ImmutableArray.CreateBuilder<BookingView>();
        var gone = ImmutableArray.CreateBuilder<string>();
        var reread = new List<string>();
        var next = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Count; i++)
        {
            if (!answers[i].IsSuccess) return answers[i].Error!;
            var (activation, c) = answers[i].Value!;
            next[ids[i]] = (activation, c.Position);
            if (c.At > at) at = c.At;
            alerts |= c.AlertsChanged;
            kpis |= c.KpisChanged;
            // A position of another activation is meaningless to this one (its journal restarted), and an incomplete
            // answer names nothing: that area alone is read again in full; the others' changes stand.
            if (!c.Complete || previous is null || !previous.TryGetValue(ids[i], out var was) || was.Activation != activation)
            {
                reread.Add(ids[i]);
                continue;
            }
            vehicles.AddRange(c.Vehicles);
            bookings.AddRange(c.Bookings);
            gone.AddRange(c.GoneBookings);
        }
        long merged;
        lock (_lock)
        {
            merged = _nextPosition++;
            _positions[merged] = next;
            _positionOrder.Enqueue(merged);
            while (_positionOrder.Count > KeptPositions) _positions.Remove(_positionOrder.Dequeue());
        }
        // A merged position this source no longer keeps (or none) says nothing about any area: read everything.
        return previous is null
            ? new ConsoleChanges(new StateChanges(merged, at, false, [], [], [], true, true), [])
            : new ConsoleChanges(new StateChanges(merged, at, true, vehicles.ToImmutable(), bookings.ToImmutable(), gone.ToImmutable(), alerts, kpis), reread);
    }

    /// <summary>The area named by the id's prefix (<see cref="AreaScopedId"/>); null for an id that names none.</summary>
    public string? AreaOf(string id) => AreaScopedId.TryParse(id, out var area, out _) ? area : null;

    public Task<DispatchResult<FleetView>> GetFleetAsync(CallerIdentity caller, CancellationToken cancellationToken) => router.GetFleetAsync(caller);

    public Task<DispatchResult<KpiReport>> GetKpisAsync(CallerIdentity caller, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        router.GetKpisAsync(caller, from, to);

    /// <summary>One grain call per area that has bookings among <paramref name="bookingIds"/>, not one per booking.</summary>
    public async Task<IReadOnlyDictionary<string, BookingView?>> GetBookingsAsync(CallerIdentity caller, IReadOnlyList<string> bookingIds, CancellationToken cancellationToken)
    {
        var read = await router.GetBookingsAsync(caller, bookingIds).ConfigureAwait(false);
        return read.IsSuccess ? read.Value! : throw new InvalidOperationException($"A service area refused the console's booking read: {read.Error!.Message}");
    }

    public Task<DispatchResult<IReadOnlyList<AlertEntry>>> GetAlertLogAsync(CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken) =>
        router.GetAlertLogAsync(caller, since);

    public Task<DispatchResult<IReadOnlyList<AlertAcknowledgement>>> GetComputedAlertAcknowledgementsAsync(CallerIdentity caller, DateTimeOffset since, CancellationToken cancellationToken) =>
        router.GetComputedAlertAcknowledgementsAsync(caller, since);

    public Task<DispatchResult<ManifestView>> GetManifestAsync(CallerIdentity caller, string vehicleId, CancellationToken cancellationToken) =>
        router.GetManifestAsync(caller, vehicleId);

    /// <summary>
    /// Every area's log folded to <paramref name="at"/> and merged (<see cref="ServiceAreaRouter.GetStateAtAsync"/>). A
    /// sequence names an event of one log; the areas' logs have none in common, so the replay goes by time only.
    /// </summary>
    public Task<DispatchResult<PastStateView>> GetStateAtAsync(CallerIdentity caller, DateTimeOffset at, long? sequence, CancellationToken cancellationToken) =>
        sequence is null
            ? router.GetStateAtAsync(caller, at)
            : Task.FromResult<DispatchResult<PastStateView>>(DispatchError.Invalid("sequence",
                "In cluster mode each service area has its own event log, so a replay is asked by time only (?at=…), not by sequence."));

    public async IAsyncEnumerable<BookingLogEntry> ReadNewBookingLogAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = CallerIdentity.Dispatcher("dashboard");
        foreach (var area in router.Areas.Areas)
        {
            BookingLogPage page;
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                long after = _logCursors.GetValueOrDefault(area.Id);
                var read = await router.ReadBookingLogAsync(reader, area.Id, after, LogPage).ConfigureAwait(false);
                if (!read.IsSuccess) throw new InvalidOperationException($"Service area '{area.Id}' refused the console's log read: {read.Error!.Message}");
                page = read.Value!;
                _logCursors[area.Id] = page.LastSequence;
                foreach (var id in page.BookingIds) yield return new BookingLogEntry(id, null);
                foreach (var at in page.Rejections) yield return new BookingLogEntry(null, at);
            }
            while (page.More);
        }
    }
}
