using System.Text.Json;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// Turns the feed's successive snapshots into <see cref="DashboardDelta"/>s: per kind of card a <see cref="KeyedDiff{T}"/>,
/// and the KPI strip, the computed alerts and their acknowledged history compared as a whole (small, and the alerts' order is their severity).
/// Not thread-safe: the feed calls it under its lock, once per snapshot, in order.
/// </summary>
internal sealed class DeltaEncoder(JsonSerializerOptions json)
{
    private readonly KeyedDiff<VehicleCard> _vehicles = new(v => v.Id, json);
    private readonly KeyedDiff<BookingCard> _bookings = new(b => b.Id, json);
    private readonly KeyedDiff<ControlAlertCard> _engineAlerts = new(a => a.Id, json);
    private byte[] _kpis = [];
    private byte[] _alerts = [];
    private byte[] _passedAlerts = [];

    /// <summary>The delta from the previous snapshot to <paramref name="snapshot"/> (everything on the first call).</summary>
    public DashboardDelta Next(long sequence, DashboardSnapshot snapshot)
    {
        var kpis = Changed(ref _kpis, snapshot.Kpis) ? snapshot.Kpis : null;
        var alerts = Changed(ref _alerts, snapshot.Alerts) ? snapshot.Alerts : null;
        var passed = snapshot.PassedAlerts ?? [];
        return new DashboardDelta(sequence, sequence - 1, snapshot.At, kpis,
            _vehicles.Next(snapshot.Vehicles), _bookings.Next(snapshot.Bookings), alerts, _engineAlerts.Next(snapshot.EngineAlerts ?? []),
            Changed(ref _passedAlerts, passed) ? passed : null);
    }

    private bool Changed<T>(ref byte[] last, T value)
    {
        byte[] bytes = JsonSerializer.SerializeToUtf8Bytes(value, json);
        if (bytes.AsSpan().SequenceEqual(last)) return false;
        last = bytes;
        return true;
    }
}
