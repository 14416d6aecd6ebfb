using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Engine;

internal sealed partial class EngineState
{
    /// <summary>
    /// Adds a KPI increment to the ledger. A fix only adds driven metres; consecutive metre-only increments of the
    /// same UTC minute share one entry, so a week of fixes every 5 s for a fleet keeps about 10,000 entries instead of
    /// millions (in memory and in every snapshot). KPI periods are cut at whole minutes for driven distances.
    /// </summary>
    private void AddToLedger(KpiEntry entry)
    {
        if (KpiLedger.Count > 0 && IsMetresOnly(entry.Delta))
        {
            var last = KpiLedger[^1];
            if (IsMetresOnly(last.Delta) && MinuteOf(last.At) == MinuteOf(entry.At))
            {
                KpiLedger[^1] = last with
                {
                    Delta = last.Delta with
                    {
                        DrivenMetres = last.Delta.DrivenMetres + entry.Delta.DrivenMetres,
                        EmptyMetres = last.Delta.EmptyMetres + entry.Delta.EmptyMetres,
                        PassengerMetres = last.Delta.PassengerMetres + entry.Delta.PassengerMetres,
                    },
                };
                return;
            }
        }
        KpiLedger.Add(entry);
    }

    private static long MinuteOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerMinute;

    // Compared as a whole record, so a counter added to KpiDelta later is never merged away by accident.
    private static readonly KpiDelta NoCounts = new();

    private static bool IsMetresOnly(KpiDelta k) => k with { DrivenMetres = 0, EmptyMetres = 0, PassengerMetres = 0 } == NoCounts;

    /// <summary>The whole state as a snapshot (under the engine's lock).</summary>
    public EngineSnapshot ToSnapshot() => new(
        VehicleOrder.Select(id => Vehicles[id]).ToArray(),
        Bookings.Values.ToArray(),
        Parcels.Values.ToArray(),
        Tasks.Values.ToArray(),
        Routes.Select(r => new RouteChange(r.Key, r.Value.ToArray())).ToArray(),
        ArrivedAt.Select(m => new VehicleMarker(m.Key, m.Value)).ToArray(),
        Kpi,
        KpiLedger.ToArray(),
        Version,
        PlanVersion,
        Alerts.ToArray(),
        AlertAcks.Values.ToArray());

    /// <summary>Replaces the (empty) state by <paramref name="s"/>.</summary>
    public void Load(EngineSnapshot s)
    {
        if (Version != 0) throw new InvalidOperationException("A snapshot is loaded into an empty state only.");
        foreach (var v in s.Vehicles)
        {
            VehicleOrder.Add(v.Id);
            Vehicles[v.Id] = v;
        }
        foreach (var b in s.Bookings)
        {
            Bookings[b.Id] = b;
            if (b.Offer is not null) Offers[b.Offer.OfferId] = b.Id;
        }
        foreach (var p in s.Parcels) Parcels[p.Id] = p;
        foreach (var t in s.Tasks) Tasks[t.Id] = t;
        foreach (var r in s.Routes) Routes[r.VehicleId] = r.Stops.ToImmutableArray();
        foreach (var m in s.Markers)
            if (m.ArrivedAtTask is not null) ArrivedAt[m.VehicleId] = m.ArrivedAtTask;
        KpiLedger.AddRange(s.KpiLedger);
        Kpi = s.Kpi;
        if (s.Alerts is not null) Alerts.AddRange(s.Alerts);
        if (s.AlertAcks is not null) foreach (var a in s.AlertAcks) AlertAcks[a.AlertId] = a;
        Version = s.Version;
        PlanVersion = s.PlanVersion;
    }
}

/// <summary>
/// The engine state as stored in a snapshot (format <see cref="EngineSnapshot.FormatVersion"/>): every collection of
/// <see cref="EngineState"/>, vehicles in registration order.
/// </summary>
internal sealed record EngineSnapshot(
    FleetVehicle[] Vehicles,
    Booking[] Bookings,
    Parcel[] Parcels,
    TaskRecord[] Tasks,
    RouteChange[] Routes,
    VehicleMarker[] Markers,
    KpiDelta Kpi,
    KpiEntry[] KpiLedger,
    long Version,
    long PlanVersion,
    Views.DispatchAlert[]? Alerts = null,
    Views.AlertAcknowledgement[]? AlertAcks = null)
{
    /// <summary>Bump when the shape changes: snapshots of another version are ignored and the log is replayed in full.</summary>
    public const int FormatVersion = 2;
}
