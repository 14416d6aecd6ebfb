namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// Which vehicles, bookings, alerts and KPIs the state changed, in order, for readers that keep a copy of what they
/// showed (the control room's push feed): a reader remembers <see cref="Position"/> and later collects what changed
/// since, instead of re-reading everything. A ring of the last <see cref="Capacity"/> entries; a reader that fell
/// further behind gets "incomplete" and reads everything again. Mutated under the engine's write lock only.
/// </summary>
internal sealed class ChangeJournal(int capacity = ChangeJournal.DefaultCapacity)
{
    /// <summary>About a minute of 120 vehicles reporting every second (a fix touches the vehicle and its KPIs).</summary>
    public const int DefaultCapacity = 32_768;

    private readonly Entry[] _ring = new Entry[capacity];
    private long _position;

    public int Capacity => _ring.Length;

    /// <summary>How many entries were ever recorded: the position a reader remembers.</summary>
    public long Position => _position;

    public void Vehicle(string id) => Add(ChangeKind.Vehicle, id);

    public void Booking(string id) => Add(ChangeKind.Booking, id);

    public void Alerts() => Add(ChangeKind.Alerts, null);

    public void Kpis() => Add(ChangeKind.Kpis, null);

    /// <summary>
    /// Adds what changed after <paramref name="since"/> to the sets; false (sets untouched) when entries after it were
    /// overwritten already or <paramref name="since"/> is not a position of this journal.
    /// </summary>
    public bool TryCollect(long since, ISet<string> vehicles, ISet<string> bookings, out bool alerts, out bool kpis)
    {
        alerts = kpis = false;
        if (since < 0 || since > _position || _position - since > _ring.Length) return false;
        for (long p = since; p < _position; p++)
        {
            var e = _ring[p % _ring.Length];
            switch (e.Kind)
            {
                case ChangeKind.Vehicle: vehicles.Add(e.Id!); break;
                case ChangeKind.Booking: bookings.Add(e.Id!); break;
                case ChangeKind.Alerts: alerts = true; break;
                default: kpis = true; break;
            }
        }
        return true;
    }

    private void Add(ChangeKind kind, string? id)
    {
        _ring[_position % _ring.Length] = new Entry(kind, id);
        _position++;
    }

    private enum ChangeKind : byte { Vehicle, Booking, Alerts, Kpis }

    private readonly record struct Entry(ChangeKind Kind, string? Id);
}
