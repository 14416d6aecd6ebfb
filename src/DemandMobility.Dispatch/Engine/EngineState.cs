using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The engine's in-memory state: the fold of all stored events. Mutable and not thread-safe: the engine
/// touches it only while holding its write lock. The only way to change it is <see cref="Apply"/>.
/// </summary>
internal sealed partial class EngineState
{
    public Dictionary<string, FleetVehicle> Vehicles { get; } = new(StringComparer.Ordinal);

    /// <summary>Vehicle ids in registration order, so problems are built in a stable order.</summary>
    public List<string> VehicleOrder { get; } = [];

    public Dictionary<string, Booking> Bookings { get; } = new(StringComparer.Ordinal);

    /// <summary>Offer id → booking id.</summary>
    public Dictionary<string, string> Offers { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Parcel> Parcels { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TaskRecord> Tasks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ImmutableArray<PlannedStop>> Routes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> ArrivedAt { get; } = new(StringComparer.Ordinal);

    public KpiDelta Kpi { get; private set; } = new();

    /// <summary>Every KPI increment with the time of its event, in log order, so figures can be cut to a period.</summary>
    public List<KpiEntry> KpiLedger { get; } = [];

    /// <summary>The most recent dispatcher alerts, oldest first (at most <see cref="MaxAlerts"/>).</summary>
    public List<Views.DispatchAlert> Alerts { get; } = [];

    /// <summary>How many alerts are kept in memory; the log keeps them all.</summary>
    public const int MaxAlerts = 1000;

    /// <summary>
    /// What each applied event touched, for readers that follow changes (<see cref="DispatchEngine.GetChangesSinceAsync"/>);
    /// in memory only, and only on the live state (a replayed past state has none).
    /// </summary>
    public ChangeJournal? Journal { get; init; }

    /// <summary>Incremented by every applied event.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// Incremented by every event that changes what a planning problem is built from (vehicles, tasks, routes,
    /// markers), but not by offers: lets the re-optimiser detect a plan that moved on without every quote
    /// making its result stale.
    /// </summary>
    public long PlanVersion { get; private set; }

    /// <summary>When each vehicle's last stored fix was taken (see <see cref="DispatchOptions.FixStoreInterval"/>); in memory only.</summary>
    public Dictionary<string, DateTimeOffset> LastStoredFixAt { get; } = new(StringComparer.Ordinal);

    /// <summary>Driven metres of each vehicle's fixes since its last stored one, which the next stored fix carries; in memory only.</summary>
    public Dictionary<string, KpiDelta> UnstoredFixKpi { get; } = new(StringComparer.Ordinal);

    public ImmutableArray<PlannedStop> RouteOf(string vehicleId) =>
        Routes.TryGetValue(vehicleId, out var r) ? r : ImmutableArray<PlannedStop>.Empty;

    public void Apply(StateDelta d, DateTimeOffset at)
    {
        if (d.Vehicles is not null)
            foreach (var v in d.Vehicles)
            {
                if (!Vehicles.ContainsKey(v.Id)) VehicleOrder.Add(v.Id);
                Vehicles[v.Id] = v;
            }
        if (d.Fix is { } stored)
        {
            LastStoredFixAt[stored.VehicleId] = stored.At;
            UnstoredFixKpi.Remove(stored.VehicleId);
        }
        ApplyChanges(d, at);
    }

    /// <summary>
    /// Applies a fix that is not stored (between two stored samples of the track): the vehicle moves and its route is
    /// re-timed as for a stored one, but its driven metres wait in <see cref="UnstoredFixKpi"/> for the next stored fix,
    /// so the KPIs of a replay equal the live ones (a crash loses at most one interval's metres per vehicle).
    /// </summary>
    public void ApplyUnstoredFix(StateDelta d, DateTimeOffset at)
    {
        if (d.Fix is null) throw new ArgumentException("Only a GPS fix may stay out of the log.", nameof(d));
        if (d.Kpi is { } k)
            UnstoredFixKpi[d.Fix.VehicleId] = UnstoredFixKpi.TryGetValue(d.Fix.VehicleId, out var held) ? held.Plus(k) : k;
        ApplyChanges(d with { Kpi = null }, at);
    }

    private void ApplyChanges(StateDelta d, DateTimeOffset at)
    {
        if (d.Fix is { } fix && Vehicles.TryGetValue(fix.VehicleId, out var fixed_))
            Vehicles[fix.VehicleId] = fixed_ with
            {
                LastPosition = fix.Position, LastFixAt = fix.At, LastHeading = fix.Heading, LastSpeed = fix.Speed,
                // An old log's fix (no recorded time) came after the last known one, which stays a valid lower bound.
                LastFixRecordedAt = fix.RecordedAt ?? fixed_.LastFixRecordedAt,
            };
        if (d.Bookings is not null)
            foreach (var b in d.Bookings)
            {
                Bookings[b.Id] = b;
                if (b.Offer is not null) Offers[b.Offer.OfferId] = b.Id;
            }
        if (d.Parcels is not null)
            foreach (var p in d.Parcels) Parcels[p.Id] = p;
        if (d.Tasks is not null)
            foreach (var t in d.Tasks) Tasks[t.Id] = t;
        if (d.RemovedTasks is not null)
            foreach (var id in d.RemovedTasks) Tasks.Remove(id);
        if (d.Routes is not null)
            foreach (var r in d.Routes) Routes[r.VehicleId] = r.Stops.ToImmutableArray();
        if (d.Markers is not null)
            foreach (var m in d.Markers)
            {
                if (m.ArrivedAtTask is null) ArrivedAt.Remove(m.VehicleId);
                else ArrivedAt[m.VehicleId] = m.ArrivedAtTask;
            }
        if (d.Kpi is { } k)
        {
            AddToLedger(new KpiEntry(at, k));
            Kpi = Kpi.Plus(k);
        }
        if (d.Alerts is not null)
        {
            Alerts.AddRange(d.Alerts);
            if (Alerts.Count > MaxAlerts) Alerts.RemoveRange(0, Alerts.Count - MaxAlerts);
        }
        ApplyControlRoom(d);
        Record(d);
        Version++;
        if (d.Vehicles is not null || d.Fix is not null || d.Tasks is not null || d.RemovedTasks is not null || d.Routes is not null || d.Markers is not null)
            PlanVersion++;
    }

    /// <summary>Notes in the <see cref="Journal"/> what <paramref name="d"/> touched (a route or task names the vehicle or booking it belongs to).</summary>
    private void Record(StateDelta d)
    {
        if (Journal is null) return;
        if (d.Vehicles is not null) foreach (var v in d.Vehicles) Journal.Vehicle(v.Id);
        if (d.Fix is { } fix) Journal.Vehicle(fix.VehicleId);
        if (d.Routes is not null) foreach (var r in d.Routes) Journal.Vehicle(r.VehicleId);
        if (d.Markers is not null) foreach (var m in d.Markers) Journal.Vehicle(m.VehicleId);
        if (d.Bookings is not null) foreach (var b in d.Bookings) Journal.Booking(b.Id);
        if (d.Tasks is not null) foreach (var t in d.Tasks) Journal.Booking(t.Id);
        if (d.RemovedTasks is not null) foreach (var id in d.RemovedTasks) Journal.Booking(id);
        if (d.Kpi is not null) Journal.Kpis();
        if (d.Alerts is not null || d.AlertAcks is not null) Journal.Alerts();
    }

    /// <summary>
    /// Forgets offered bookings whose offer expired before <paramref name="now"/>: they can no longer be
    /// confirmed, and without this every quote would stay in memory for good. In memory only; the log keeps
    /// their events, and a replay followed by the next sweep ends in the same state. Returns how many went.
    /// </summary>
    public int SweepExpiredOffers(DateTimeOffset now)
    {
        List<Booking>? expired = null;
        foreach (var b in Bookings.Values)
            if (b.Status == BookingStatus.Offered && b.Offer is { } o && o.ExpiresAt < now)
                (expired ??= []).Add(b);
        if (expired is null) return 0;
        foreach (var b in expired)
        {
            Bookings.Remove(b.Id);
            Offers.Remove(b.Offer!.OfferId);
            Journal?.Booking(b.Id);
        }
        return expired.Count;
    }
}
