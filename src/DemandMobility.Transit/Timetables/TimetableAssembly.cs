namespace DemandMobility.Transit.Timetables;

/// <summary>
/// Completes imported parts into a <see cref="Timetable"/>: derives footpaths between nearby boardable stops
/// (a uniform grid finds neighbours in linear time) with the feed's transfers applied on top, and builds the
/// connection array sorted by (departure, arrival, stop-time index), the order the Connection Scan Algorithm
/// needs (Dibbelt, Pajor, Strasser &amp; Wagner 2013, section 3: zero-length connections of one trip keep their order).
/// </summary>
internal static class TimetableAssembly
{
    public static Timetable Build(TimetableParts p, FootpathOptions footpaths)
    {
        var (first, target, seconds) = Footpaths(p, footpaths);
        var (connSt, dep, arr, trip) = Connections(p);
        return new Timetable(p, first, target, seconds, connSt, dep, arr, trip);
    }

    private static (int[] First, int[] Target, int[] Seconds) Footpaths(TimetableParts p, FootpathOptions o)
    {
        int n = p.StopIds.Length;
        var edges = new Dictionary<long, int>();
        if (o.MaxMetres > 0)
        {
            double cellLat = o.MaxMetres / 111_000.0;
            var grid = new Dictionary<(int, int), List<int>>();
            double cellLon(double lat) => cellLat / Math.Max(0.05, Math.Cos(lat * Math.PI / 180));
            // Longitude cells sized at the southernmost latitude would be safest; a fixed 60° reference keeps
            // cells at least as wide as the radius everywhere below 60° N, and neighbours are checked ±1 cell.
            double lonCell = cellLon(60);
            for (int s = 0; s < n; s++)
            {
                if (p.StopLocationType[s] != 0 || double.IsNaN(p.StopLat[s])) continue;
                var key = ((int)Math.Floor(p.StopLat[s] / cellLat), (int)Math.Floor(p.StopLon[s] / lonCell));
                if (!grid.TryGetValue(key, out var list)) grid[key] = list = [];
                list.Add(s);
            }
            foreach (var (key, list) in grid)
                foreach (int a in list)
                    for (int di = -1; di <= 1; di++)
                        for (int dj = -1; dj <= 1; dj++)
                        {
                            if (!grid.TryGetValue((key.Item1 + di, key.Item2 + dj), out var other)) continue;
                            foreach (int b in other)
                            {
                                if (a == b) continue;
                                double m = Geo.Metres(p.StopLat[a], p.StopLon[a], p.StopLat[b], p.StopLon[b]);
                                if (m <= o.MaxMetres) edges[Key(a, b)] = o.WalkSeconds(m);
                            }
                        }
        }
        for (int i = 0; i < p.TransferFrom.Length; i++)
        {
            int a = p.TransferFrom[i], b = p.TransferTo[i];
            if (a == b) continue;
            if (p.TransferType[i] == 3) edges.Remove(Key(a, b));
            else if (p.TransferType[i] is 0 or 1 or 2)
            {
                // A minimum transfer time replaces the estimate; a recommended or timed transfer without one
                // keeps an estimate where there is one and otherwise walks the straight line.
                int walk = p.TransferSeconds[i] >= 0 ? p.TransferSeconds[i]
                    : edges.TryGetValue(Key(a, b), out int known) ? known
                    : o.WalkSeconds(Geo.Metres(p.StopLat[a], p.StopLon[a], p.StopLat[b], p.StopLon[b]));
                edges[Key(a, b)] = walk;
            }
        }
        var keys = edges.Keys.ToArray();
        Array.Sort(keys);
        var first = new int[n + 1];
        var target = new int[keys.Length];
        var secs = new int[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            int a = (int)(keys[i] >> 32);
            first[a + 1]++;
            target[i] = (int)(keys[i] & 0xFFFFFFFF);
            secs[i] = edges[keys[i]];
        }
        for (int s = 0; s < n; s++) first[s + 1] += first[s];
        return (first, target, secs);
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    private static (int[] StopTime, int[] Dep, int[] Arr, int[] Trip) Connections(TimetableParts p)
    {
        int trips = p.TripIds.Length;
        long count = 0;
        for (int t = 0; t < trips; t++) count += Math.Max(0, p.TripFirst[t + 1] - p.TripFirst[t] - 1);
        var keys = new long[count];
        var st = new int[count];
        int k = 0;
        for (int t = 0; t < trips; t++)
            for (int i = p.TripFirst[t]; i < p.TripFirst[t + 1] - 1; i++)
            {
                keys[k] = ((long)p.StopTimeDeparture[i] << 32) | (uint)p.StopTimeArrival[i + 1];
                st[k++] = i;
            }
        Array.Sort(keys, st);
        // Ties (same departure and arrival) in stop-time order, so a trip's zero-length hops stay in sequence.
        for (int i = 0; i < keys.Length;)
        {
            int j = i + 1;
            while (j < keys.Length && keys[j] == keys[i]) j++;
            if (j - i > 1) Array.Sort(st, i, j - i);
            i = j;
        }
        keys = null!;
        var dep = new int[count];
        var arr = new int[count];
        var trip = new int[count];
        var tripOf = TripOfStopTime(p);
        for (int i = 0; i < count; i++)
        {
            dep[i] = p.StopTimeDeparture[st[i]];
            arr[i] = p.StopTimeArrival[st[i] + 1];
            trip[i] = tripOf[st[i]];
        }
        return (st, dep, arr, trip);
    }

    private static int[] TripOfStopTime(TimetableParts p)
    {
        var tripOf = new int[p.StopTimeStop.Length];
        for (int t = 0; t < p.TripIds.Length; t++)
            for (int i = p.TripFirst[t]; i < p.TripFirst[t + 1]; i++) tripOf[i] = t;
        return tripOf;
    }
}
