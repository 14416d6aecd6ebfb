using System.Collections.Concurrent;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// The last minutes of each vehicle's positions, for the map's trails: a small ring buffer per vehicle, fed with every
/// position the dashboard reads from the engine (each snapshot, i.e. after every engine change while a console is open)
/// and kept in memory only (not the stored track). A repeated or older fix adds nothing; points older than
/// <see cref="Window"/> fall out. Points are kept at least <see cref="Spacing"/> apart (the newest one moves with the
/// vehicle until the next is due), so a trail costs the pushed snapshot at most <see cref="Capacity"/> points however
/// often the fleet reports.
/// </summary>
internal sealed class VehicleTrails
{
    /// <summary>How far back a trail reaches.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>The least time between two kept points (the map needs the shape, not every fix).</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(20);

    /// <summary>Points kept per vehicle: <see cref="Window"/> / <see cref="Spacing"/>, plus the moving newest one.</summary>
    public const int Capacity = 31;

    private readonly ConcurrentDictionary<string, Ring> _rings = new(StringComparer.Ordinal);

    /// <summary>Adds the vehicle's fix unless it is the last one recorded (same time) or older.</summary>
    public void Record(string vehicleId, double lat, double lon, DateTimeOffset at)
    {
        var ring = _rings.GetOrAdd(vehicleId, _ => new Ring());
        lock (ring) ring.Add(new TrailPoint(lat, lon, at));
    }

    /// <summary>The vehicle's points newer than <paramref name="now"/> − <see cref="Window"/>, oldest first, as [lat, lon] pairs (5 decimals).</summary>
    public IReadOnlyList<double[]> Of(string vehicleId, DateTimeOffset now)
    {
        if (!_rings.TryGetValue(vehicleId, out var ring)) return [];
        var since = now - Window;
        lock (ring)
        {
            var list = new List<double[]>(ring.Count);
            foreach (var p in ring.Oldest())
                if (p.At >= since) list.Add([Math.Round(p.Lat, 5), Math.Round(p.Lon, 5)]);
            return list;
        }
    }

    private readonly record struct TrailPoint(double Lat, double Lon, DateTimeOffset At);

    /// <summary>A fixed-size circular buffer: the newest point overwrites the oldest.</summary>
    private sealed class Ring
    {
        private readonly TrailPoint[] _points = new TrailPoint[Capacity];
        private int _next;

        public int Count { get; private set; }

        public void Add(TrailPoint p)
        {
            int newest = (_next + Capacity - 1) % Capacity;
            if (Count > 0 && _points[newest].At >= p.At) return;
            // Too soon after the point before the newest: the newest moves on instead of a new point being added.
            if (Count >= 2 && p.At - _points[(_next + Capacity - 2) % Capacity].At < Spacing)
            {
                _points[newest] = p;
                return;
            }
            _points[_next] = p;
            _next = (_next + 1) % Capacity;
            if (Count < Capacity) Count++;
        }

        public IEnumerable<TrailPoint> Oldest()
        {
            int start = (_next - Count + Capacity) % Capacity;
            for (int i = 0; i < Count; i++) yield return _points[(start + i) % Capacity];
        }
    }
}
