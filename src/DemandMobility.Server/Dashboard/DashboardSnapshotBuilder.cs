using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// Reads the engine's public views (through <see cref="IConsoleSource"/>: one engine, or every area of a cluster) (fleet, KPIs, bookings, manifests) and the <see cref="BookingLedger"/> into the
/// dashboard's cards, KPI strip and alerts. Calls are serialised, so concurrent browsers share one ledger safely.
/// </summary>
internal sealed class DashboardSnapshotBuilder(IConsoleSource engine, BookingLedger ledger, TimeProvider time, DashboardSettings settings, VehicleTrails trails)
{
    /// <summary>The longest booking list sent; open bookings come first.</summary>
    public const int MaxBookings = 500;

    private static readonly CallerIdentity Reader = CallerIdentity.Dispatcher("dashboard");
    private static readonly TimeSpan CriticalLateness = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan EngineAlertWindow = TimeSpan.FromHours(24);
    private const int MaxEngineAlerts = 200;
    private const int MaxPassedAlerts = 50;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Reads everything the page shows at one moment.</summary>
    public async Task<DashboardSnapshot> BuildAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Compose(await ReadAllLockedAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Marks the computed alerts a dispatcher has acknowledged (who, when, note); they stay listed while they hold.</summary>
    private static List<DashboardAlert> WithAcknowledgements(List<DashboardAlert> alerts, IReadOnlyList<Dispatch.Views.AlertAcknowledgement> acks)
    {
        if (acks.Count == 0) return alerts;
        var byId = new Dictionary<string, Dispatch.Views.AlertAcknowledgement>(StringComparer.Ordinal);
        foreach (var a in acks) byId[a.AlertId] = a;
        for (int i = 0; i < alerts.Count; i++)
            if (alerts[i].Id is { } id && byId.TryGetValue(id, out var ack))
                alerts[i] = alerts[i] with { AcknowledgedBy = ack.By, AcknowledgedAt = ack.At, Note = ack.Note };
        return alerts;
    }

    /// <summary>Acknowledged computed alerts that are no longer raised, newest acknowledgement first (the history).</summary>
    private static List<PassedAlertCard> Passed(List<DashboardAlert> current, IReadOnlyList<Dispatch.Views.AlertAcknowledgement> acks)
    {
        var showing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in current) if (a.Id is { } id) showing.Add(id);
        var passed = new List<PassedAlertCard>();
        for (int i = acks.Count - 1; i >= 0 && passed.Count < MaxPassedAlerts; i--)
        {
            var ack = acks[i];
            if (showing.Contains(ack.AlertId)) continue;
            var (kind, vehicle, booking) = ComputedAlertIds.Parse(ack.AlertId);
            passed.Add(new PassedAlertCard(ack.AlertId, kind, vehicle, booking, ack.By, ack.At, ack.Note));
        }
        return passed;
    }

    /// <summary>
    /// The next snapshot of a push feed that keeps its cards: when <paramref name="cards"/> is given, only what the
    /// engine changed since the cards were read is read again (<see cref="DispatchEngine.GetChangesSinceAsync"/>) and
    /// the other cards stay as they are (the same objects); an area that could not say what changed is read again alone.
    /// With <paramref name="clock"/> the parts that move with the clock alone are refreshed too
    /// (<see cref="RefreshClockLocked"/>). Everything is read into new cards at the start, when the source cannot say what
    /// changed at all, and on a new local day.
    /// </summary>
    public async Task<(ConsoleCards Cards, DashboardSnapshot Snapshot)> NextAsync(ConsoleCards? cards, bool clock, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (cards is null || !await UpdateLockedAsync(cards, clock, cancellationToken).ConfigureAwait(false))
                cards = await ReadAllLockedAsync(cancellationToken).ConfigureAwait(false);
            return (cards, Compose(cards));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ConsoleCards> ReadAllLockedAsync(CancellationToken cancellationToken)
    {
        // The position is taken before the reads: a change during them is read again by the next update (upserts repeat safely).
        var position = Unwrap(await engine.GetChangesSinceAsync(Reader, -1, cancellationToken).ConfigureAwait(false)).Changes.Position;
        var now = time.GetUtcNow();
        await ledger.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        ledger.Prune(now);
        var (from, to) = Today(now);
        var cards = new ConsoleCards(position, now, from);
        var fleet = Unwrap(await engine.GetFleetAsync(Reader, cancellationToken).ConfigureAwait(false));
        cards.Kpi = Unwrap(await engine.GetKpisAsync(Reader, from, to, cancellationToken).ConfigureAwait(false));
        await ReadBookingsAsync(cards, null, now, from, to, cancellationToken).ConfigureAwait(false);
        await ReadAlertsAsync(cards, now, cancellationToken).ConfigureAwait(false);
        foreach (var v in fleet.Vehicles) cards.PutVehicle(v, ToCard(v, now));
        return cards;
    }

    /// <summary>
    /// Re-reads what changed since the cards' position, the areas that could not say in full, and with
    /// <paramref name="clock"/> the clock-driven parts; false when the source cannot say what changed (read everything then).
    /// </summary>
    private async Task<bool> UpdateLockedAsync(ConsoleCards cards, bool clock, CancellationToken cancellationToken)
    {
        var (changes, areas) = Unwrap(await engine.GetChangesSinceAsync(Reader, cards.Position, cancellationToken).ConfigureAwait(false));
        if (!changes.Complete) return false;
        var now = time.GetUtcNow();
        var (from, to) = Today(now);
        // A new local day moves the KPI period and which finished bookings are listed: read everything.
        if (from != cards.Day) return false;
        await ledger.CatchUpAsync(cancellationToken).ConfigureAwait(false);
        cards.Position = changes.Position;
        cards.Now = now;
        foreach (var v in changes.Vehicles) cards.PutVehicle(v, ToCard(v, now));
        foreach (var view in changes.Bookings) Place(cards, view, now, from, to);
        foreach (var id in changes.GoneBookings)
        {
            ledger.Forget(id);
            cards.Bookings.Remove(id);
            cards.Offers.Remove(id);
        }
        if (areas.Count > 0) await ReadAreasLockedAsync(cards, areas, now, from, to, cancellationToken).ConfigureAwait(false);
        if (clock) await RefreshClockLocked(cards, changes.Vehicles, now, from, to, cancellationToken).ConfigureAwait(false);
        bool fleetRead = areas.Count > 0 || clock;
        if (changes.KpisChanged || fleetRead) cards.Kpi = Unwrap(await engine.GetKpisAsync(Reader, from, to, cancellationToken).ConfigureAwait(false));
        if (changes.AlertsChanged || areas.Count > 0) await ReadAlertsAsync(cards, now, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Reads the given areas in full (their journals restarted or no longer reach back): every open booking of theirs
    /// the ledger knows, and their vehicles (from the fleet: one status per vehicle). The other areas' cards stay as they are.
    /// </summary>
    private async Task ReadAreasLockedAsync(ConsoleCards cards, IReadOnlyList<string> areas, DateTimeOffset now, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var set = new HashSet<string>(areas, StringComparer.Ordinal);
        foreach (var id in cards.Bookings.Keys.Where(id => engine.AreaOf(id) is { } a && set.Contains(a)).ToList())
        {
            cards.Bookings.Remove(id);
            cards.Offers.Remove(id);
        }
        await ReadBookingsAsync(cards, set, now, from, to, cancellationToken).ConfigureAwait(false);
        // Only these areas' vehicles: another area's kept view is what the next clock refresh compares its forecast with.
        var fleet = Unwrap(await engine.GetFleetAsync(Reader, cancellationToken).ConfigureAwait(false));
        foreach (var v in fleet.Vehicles)
            if (engine.AreaOf(v.VehicleId) is { } area && set.Contains(area)) cards.PutVehicle(v, ToCard(v, now));
    }

    /// <summary>
    /// What moves with the clock alone, without an engine change: stale fixes, trails and vehicle forecasts (the fleet is
    /// read again: one status per vehicle), offers that expire, the alert window. A booking's forecast moves only with
    /// its vehicle's (<c>RoutePlanner.LiveRoute</c> shifts the plan from the vehicle's last fix once that fix is stale,
    /// each stop from the one before), so only the open bookings of vehicles whose stops' forecasts moved
    /// (<see cref="SameBookingForecasts"/>) are read again: not every open booking, whose count grows with the service
    /// while the fleet does not.
    /// The vehicles the journal named in this update (<paramref name="changed"/>) came with their route's bookings already.
    /// </summary>
    private async Task RefreshClockLocked(ConsoleCards cards, IReadOnlyList<VehicleStatusView> changed, DateTimeOffset now, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        ledger.Prune(now);
        var fresh = new HashSet<string>(changed.Select(v => v.VehicleId), StringComparer.Ordinal);
        var fleet = Unwrap(await engine.GetFleetAsync(Reader, cancellationToken).ConfigureAwait(false));
        var moved = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in fleet.Vehicles)
        {
            if (!fresh.Contains(v.VehicleId) && (!cards.VehicleViews.TryGetValue(v.VehicleId, out var before) || !SameBookingForecasts(before, v)))
                moved.Add(v.VehicleId);
            cards.PutVehicle(v, ToCard(v, now));
        }
        var ids = new List<string>();
        foreach (var card in cards.Bookings.Values)
            if (card.VehicleId is { } vehicle && moved.Contains(vehicle) && IsOpen(card)) ids.Add(card.Id);
        if (ids.Count > 0)
        {
            var read = await engine.GetBookingsAsync(Reader, ids, cancellationToken).ConfigureAwait(false);
            foreach (var id in ids)
            {
                if (!read.TryGetValue(id, out var view)) continue;
                if (view is null)
                {
                    ledger.Forget(id);
                    cards.Bookings.Remove(id);
                }
                else Place(cards, view, now, from, to);
            }
        }
        foreach (var offer in cards.Offers.Values.ToList()) Place(cards, offer, now, from, to);
        var cutoff = now - EngineAlertWindow;
        cards.EngineAlerts = cards.EngineAlerts.FindAll(a => a.At >= cutoff);
        cards.Acknowledgements = [.. cards.Acknowledgements.Where(a => a.At >= cutoff)];
    }

    /// <summary>
    /// Whether the bookings on the vehicle's route keep their forecasts: same state, fix, largest delay, and for each of
    /// the next stops the same departure, boarding start and delay. The live forecast (<c>RoutePlanner.LiveRoute</c>)
    /// computes each stop from the departure of the one before and brings in the clock only at the first stop (driving
    /// from a stale fix, or standing at the stop), so when the first stops' departures hold, no later stop moved. The
    /// arrival is left out on purpose: a bus waiting for a pickup window arrives later with every refresh while its
    /// riders' pickup times stay, and its own card shows that anyway.
    /// </summary>
    private static bool SameBookingForecasts(VehicleStatusView a, VehicleStatusView b)
    {
        if (a.State != b.State || a.FixAt != b.FixAt || a.Position != b.Position || a.DelaySeconds != b.DelaySeconds || a.NextStops.Length != b.NextStops.Length)
            return false;
        for (int i = 0; i < a.NextStops.Length; i++)
        {
            ManifestStop x = a.NextStops[i], y = b.NextStops[i];
            if (x.PlannedDeparture != y.PlannedDeparture || x.DelaySeconds != y.DelaySeconds || x.BoardingStart != y.BoardingStart)
                return false;
        }
        return true;
    }

    private async Task ReadAlertsAsync(ConsoleCards cards, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cards.EngineAlerts = EngineAlertCards(Unwrap(await engine.GetAlertLogAsync(Reader, now - EngineAlertWindow, cancellationToken).ConfigureAwait(false)));
        cards.Acknowledgements = Unwrap(await engine.GetComputedAlertAcknowledgementsAsync(Reader, now - EngineAlertWindow, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The snapshot of the cards: open bookings first by promised pickup, then today's finished ones, at most <see cref="MaxBookings"/>.</summary>
    private DashboardSnapshot Compose(ConsoleCards cards)
    {
        var (from, to) = Today(cards.Now);
        var open = new List<BookingCard>();
        var finished = new List<BookingCard>();
        foreach (var card in cards.Bookings.Values) (IsOpen(card) ? open : finished).Add(card);
        open.Sort((a, b) => a.PromisedFrom != b.PromisedFrom ? a.PromisedFrom.CompareTo(b.PromisedFrom) : string.CompareOrdinal(a.Id, b.Id));
        finished.Sort((a, b) => a.FinishedAt != b.FinishedAt ? Nullable.Compare(b.FinishedAt, a.FinishedAt) : string.CompareOrdinal(a.Id, b.Id));
        open.AddRange(finished);
        if (open.Count > MaxBookings) open.RemoveRange(MaxBookings, open.Count - MaxBookings);
        var vehicles = new List<VehicleCard>(cards.VehicleOrder.Count);
        foreach (var id in cards.VehicleOrder) vehicles.Add(cards.Vehicles[id]);
        var alerts = WithAcknowledgements(Alerts(vehicles, open, cards.Now), cards.Acknowledgements);
        return new DashboardSnapshot(cards.Now, settings.RegionName, settings.TimeZone.Id, (int)Math.Round(settings.RefreshInterval.TotalSeconds),
            Kpis(vehicles, open, cards.Kpi!, from, to), vehicles, open, alerts, ServiceArea(), cards.EngineAlerts, Passed(alerts, cards.Acknowledgements),
            _areas ??= [.. engine.AreaOutlines.Select(a => new AreaCard(a.Id, [.. a.Boundary.Select(p => new[] { p.Latitude, p.Longitude })]))]);
    }

    private static bool IsOpen(BookingCard card) => card.Status is "offered" or "confirmed" or "onBoard";

    /// <summary>
    /// Keeps a booking's card when the page lists it (open, or finished today), drops it otherwise (expired offers,
    /// earlier days); a finished booking is remembered by the ledger, a listed offer's view kept for its expiry.
    /// </summary>
    private void Place(ConsoleCards cards, BookingView view, DateTimeOffset now, DateTimeOffset from, DateTimeOffset to)
    {
        string id = view.Booking.Id;
        if (BookingTransitions.IsTerminal(view.Booking.Status)) ledger.Finished(view.Booking);
        var card = CardMapping.ToCard(view, now);
        if (card is not null && card.Status != "expired"
            && (IsOpen(card) || InPeriod(card.PromisedFrom, from, to) || card.FinishedAt is { } f && InPeriod(f, from, to)))
            cards.Bookings[id] = card;
        else
            cards.Bookings.Remove(id);
        if (card?.Status == "offered") cards.Offers[id] = view;
        else cards.Offers.Remove(id);
    }

    /// <summary>Newest first, at most <see cref="MaxEngineAlerts"/>; acknowledged ones stay listed (the history).</summary>
    private static List<ControlAlertCard> EngineAlertCards(IReadOnlyList<AlertEntry> log)
    {
        var cards = new List<ControlAlertCard>(Math.Min(log.Count, MaxEngineAlerts));
        for (int i = log.Count - 1; i >= 0 && cards.Count < MaxEngineAlerts; i--)
        {
            var (id, a, ack) = (log[i].Id, log[i].Alert, log[i].Acknowledgement);
            cards.Add(new ControlAlertCard(id, a.At, Dispatch.Views.AlertKindNames.Of(a.Kind), a.VehicleId, a.BookingId, a.Message, ack?.By, ack?.At, ack?.Note));
        }
        return cards;
    }

    /// <summary>A vehicle's whole manifest; null when the vehicle is unknown.</summary>
    public async Task<ManifestCard?> ManifestAsync(string vehicleId, CancellationToken cancellationToken)
    {
        var result = await engine.GetManifestAsync(Reader, vehicleId, cancellationToken).ConfigureAwait(false);
        if (result.IsSuccess) return CardMapping.ToCard(result.Value!);
        if (result.Error!.Code == DispatchErrorCode.NotFound) return null;
        throw new InvalidOperationException($"The engine refused the dashboard's manifest read: {result.Error.Message}");
    }

    /// <summary>The region's local day containing <paramref name="now"/>, as UTC instants.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Today(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, settings.TimeZone);
        var midnight = local.Date;
        return (At(midnight), At(midnight.AddDays(1)));

        DateTimeOffset At(DateTime localTime) =>
            new(localTime, settings.TimeZone.GetUtcOffset(localTime));
    }

    /// <summary>Every booking the ledger knows (of <paramref name="areas"/> only, when given): open ones read from the engine, finished ones as remembered.</summary>
    private async Task ReadBookingsAsync(ConsoleCards cards, IReadOnlySet<string>? areas, DateTimeOffset now, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var open = new List<string>();
        var known = new List<Booking>();
        foreach (var (id, finished) in ledger.Bookings)
        {
            if (areas is not null && (engine.AreaOf(id) is not { } area || !areas.Contains(area))) continue;
            if (finished is null) open.Add(id);
            else known.Add(finished);
        }
        foreach (var b in known) Place(cards, new BookingView(b, null, null, 0, null), now, from, to);
        var read = await engine.GetBookingsAsync(Reader, open, cancellationToken).ConfigureAwait(false);
        foreach (var id in open)
        {
            if (!read.TryGetValue(id, out var found)) continue;
            // Offers that expire unconfirmed are swept from the engine's memory: nothing to show.
            if (found is null) ledger.Forget(id);
            else Place(cards, found, now, from, to);
        }
    }

    /// <summary>The vehicle's card; its latest fix goes into the trail first, so the card shows it.</summary>
    private VehicleCard ToCard(VehicleStatusView v, DateTimeOffset now)
    {
        if (v.Position is { } p && v.FixAt is { } at) trails.Record(v.VehicleId, p.Latitude, p.Longitude, at);
        bool onShift = v.State == VehicleShiftState.OnShift;
        string state = !onShift ? "off-shift" : v.NextStops.IsEmpty ? "idle" : "busy";
        bool stale = onShift && (v.FixAt is not { } fix || now - fix > settings.StaleFixAfter);
        var stops = new List<StopCard>(v.NextStops.Length);
        foreach (var s in v.NextStops) stops.Add(CardMapping.ToCard(s));
        var load = new LoadCard(v.Load.Seats, v.Capacity.Seats, v.Load.Wheelchairs, v.Capacity.Wheelchairs, v.Load.ParcelUnits, v.Capacity.ParcelUnits);
        return new VehicleCard(v.VehicleId, state, v.Position?.Latitude, v.Position?.Longitude, v.FixAt, stale, load, v.DelaySeconds, stops,
            trails.Of(v.VehicleId, now));
    }

    private static KpiStrip Kpis(List<VehicleCard> vehicles, List<BookingCard> bookings, KpiReport kpi, DateTimeOffset from, DateTimeOffset to)
    {
        int inService = 0, idle = 0, busy = 0, noFix = 0;
        foreach (var v in vehicles)
        {
            if (v.State == "off-shift") continue;
            inService++;
            if (v.State == "idle") idle++; else busy++;
            if (v.FixStale) noFix++;
        }
        var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            ["offered"] = 0, ["confirmed"] = 0, ["onBoard"] = 0, ["completed"] = 0, ["cancelled"] = 0, ["noShow"] = 0,
        };
        int latePickups = 0;
        foreach (var b in bookings)
        {
            if (!InPeriod(b.PromisedFrom, from, to)) continue;
            byStatus[b.Status] = byStatus.GetValueOrDefault(b.Status) + 1;
            if (b.BoardedAt is { } boarded && boarded > b.PromisedUntil) latePickups++;
        }
        return new KpiStrip(from, to, vehicles.Count, inService, idle, busy, noFix, byStatus,
            kpi.Served, kpi.Rejected, kpi.Cancelled, kpi.NoShows, latePickups, kpi.Punctuality,
            kpi.AverageWaitSeconds, kpi.P95WaitSeconds, kpi.AverageRideSeconds, kpi.VehicleKm, kpi.EmptyKm, kpi.Occupancy);
    }

    private List<DashboardAlert> Alerts(List<VehicleCard> vehicles, List<BookingCard> bookings, DateTimeOffset now)
    {
        var alerts = new List<DashboardAlert>();
        foreach (var v in vehicles)
        {
            if (v.State == "off-shift") continue;
            if (v.DelaySeconds >= settings.LateAfter.TotalSeconds)
            {
                var late = new List<string>();
                foreach (var b in bookings)
                    if (b.VehicleId == v.Id && b.Status is "confirmed" or "onBoard" && b.DelaySeconds >= settings.LateAfter.TotalSeconds) late.Add(b.Id);
                string which = late.Count == 0 ? "" : $" Late bookings: {string.Join(", ", late.Take(3))}{(late.Count > 3 ? $" and {late.Count - 3} more" : "")}.";
                alerts.Add(new DashboardAlert(v.DelaySeconds >= CriticalLateness.TotalSeconds ? "critical" : "warning", "late",
                    $"{v.Id} is forecast {Minutes(v.DelaySeconds)} late against a promised window.{which}", v.Id, late.FirstOrDefault(), now,
                    ComputedAlertIds.Late(v.Id, late.FirstOrDefault()), Minutes: WholeMinutes(v.DelaySeconds), Count: late.Count));
            }
            if (v.FixStale)
            {
                alerts.Add(new DashboardAlert("warning", "no-fix", v.FixAt is { } fix
                    ? $"{v.Id} is on shift but has reported no position for {Minutes((now - fix).TotalSeconds)}."
                    : $"{v.Id} is on shift but has never reported a position.", v.Id, null, v.FixAt, ComputedAlertIds.NoFix(v.Id, v.FixAt),
                    Minutes: v.FixAt is { } seen ? WholeMinutes((now - seen).TotalSeconds) : null));
            }
        }
        var since = now - settings.RecentWindow;
        int rejected = 0;
        DateTimeOffset? lastRejection = null;
        foreach (var at in ledger.Rejections)
            if (at >= since) { rejected++; lastRejection = at; }
        if (rejected > 0)
            alerts.Add(new DashboardAlert("info", "rejected",
                $"{rejected} quote{(rejected == 1 ? " was" : "s were")} rejected in the last {settings.RecentWindow.TotalMinutes:F0} min (no vehicle could keep the promise).",
                null, null, lastRejection, ComputedAlertIds.Rejected(lastRejection),
                Minutes: (int)settings.RecentWindow.TotalMinutes, Count: rejected));
        foreach (var b in bookings)
            if (b.Status == "noShow" && b.FinishedAt is { } f && f >= since)
                alerts.Add(new DashboardAlert("info", "no-show", $"Rider {b.RiderId} did not show up for booking {b.Id} ({b.VehicleId}).", b.VehicleId, b.Id, f,
                    ComputedAlertIds.NoShow(b.Id)));
        alerts.Sort((a, b) =>
        {
            int bySeverity = Rank(a.Severity).CompareTo(Rank(b.Severity));
            return bySeverity != 0 ? bySeverity : Nullable.Compare(b.At, a.At);
        });
        return alerts;
    }

    /// <summary>The cluster's area outlines (configuration: read once).</summary>
    private List<AreaCard>? _areas;

    private List<double[]> ServiceArea()
    {
        var corners = new List<double[]>();
        foreach (var p in engine.ServiceAreaOutline) corners.Add([p.Latitude, p.Longitude]);
        return corners;
    }

    private static int Rank(string severity) => severity switch { "critical" => 0, "warning" => 1, _ => 2 };

    private static string Minutes(double seconds) => seconds < 90 ? $"{seconds:F0} s" : $"{seconds / 60:F0} min";

    private static int WholeMinutes(double seconds) => Math.Max(1, (int)Math.Round(seconds / 60));

    private static bool InPeriod(DateTimeOffset t, DateTimeOffset from, DateTimeOffset to) => t >= from && t < to;

    private static T Unwrap<T>(DispatchResult<T> result) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException($"The engine refused a dashboard read: {result.Error!.Message}");
}
