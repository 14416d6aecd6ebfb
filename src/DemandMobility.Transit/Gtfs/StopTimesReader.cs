using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Gtfs;

/// <summary>
/// Streams stop_times.txt (the big file: tens of millions of rows nationally) into flat arrays. Trips are
/// renumbered in order of first appearance, so a file grouped by trip and sorted by stop_sequence, as feeds
/// usually are, needs no sort; otherwise one sort of 64-bit (trip, sequence) keys orders it. Missing times of
/// intermediate stops are interpolated linearly by position between the neighbouring timed stops.
/// </summary>
internal static class StopTimesReader
{
    /// <summary>Stop times grouped by trip with the trips' attributes in the same (new) order.</summary>
    internal sealed class Result
    {
        public required string[] TripIds;
        public required string[] TripHeadsigns;
        public required int[] TripRoute;
        public required int[] TripService;
        public required int[] TripFirst;
        public required int[] Stop;
        public required int[] Arrival;
        public required int[] Departure;
        public required byte[] Flags;
    }

    public static Result Read(GtfsSource source, GtfsImporter.Trips trips, Dictionary<string, int> stops)
    {
        const string File = "stop_times.txt";
        int estimate = (int)Math.Min(int.MaxValue / 2, source.SizeOf(File) / 40 + 16);
        var tripOf = new GrowBuffer<int>(estimate);
        var seqOf = new GrowBuffer<int>(estimate);
        var stopOf = new GrowBuffer<int>(estimate);
        var arr = new GrowBuffer<int>(estimate);
        var dep = new GrowBuffer<int>(estimate);
        var flags = new GrowBuffer<byte>(estimate);
        var lines = new GrowBuffer<int>(estimate);
        var newIndex = new int[trips.Ids.Count];
        Array.Fill(newIndex, -1);
        var order = new List<int>(trips.Ids.Count);
        var tripLookup = trips.Index.GetAlternateLookup<ReadOnlySpan<char>>();
        var stopLookup = stops.GetAlternateLookup<ReadOnlySpan<char>>();
        bool sorted = true;
        long lastKey = long.MinValue;
        // Rows of one trip come together: remember the last trip id to skip most dictionary lookups.
        char[] lastTrip = new char[64];
        int lastTripLength = -1, lastTripIndex = -1;

        using (var t = GtfsTable.Require(source, File))
        {
            int cTrip = t.RequireColumn("trip_id"), cArr = t.Column("arrival_time"), cDep = t.Column("departure_time"),
                cStop = t.RequireColumn("stop_id"), cSeq = t.RequireColumn("stop_sequence"),
                cPick = t.Column("pickup_type"), cDrop = t.Column("drop_off_type");
            if (cArr < 0 && cDep < 0) throw new GtfsFormatException(File, 1, "arrival_time", "the header has neither arrival_time nor departure_time");
            while (t.Read())
            {
                var tripId = t.Required(cTrip, "trip_id");
                int trip;
                if (lastTripLength == tripId.Length && tripId.SequenceEqual(lastTrip.AsSpan(0, lastTripLength))) trip = lastTripIndex;
                else
                {
                    if (!tripLookup.TryGetValue(tripId, out int old)) throw t.Error("trip_id", $"unknown trip_id '{tripId}'");
                    if (newIndex[old] < 0) { newIndex[old] = order.Count; order.Add(old); }
                    trip = newIndex[old];
                    if (tripId.Length > lastTrip.Length) lastTrip = new char[tripId.Length * 2];
                    tripId.CopyTo(lastTrip);
                    lastTripLength = tripId.Length;
                    lastTripIndex = trip;
                }
                if (!stopLookup.TryGetValue(t.Required(cStop, "stop_id"), out int stop)) throw t.Error("stop_id", $"unknown stop_id '{t[cStop]}'");
                int seq = t.RequiredInt(cSeq, "stop_sequence");
                if (seq < 0) throw t.Error("stop_sequence", "must not be negative");
                int a = t.Time(cArr, "arrival_time"), d = t.Time(cDep, "departure_time");
                if (a < 0) a = d;
                if (d < 0) d = a;
                if (d < a) throw t.Error("departure_time", $"{GtfsTime.Format(d)} is before the arrival_time {GtfsTime.Format(a)}");
                int pick = t.Int(cPick, "pickup_type", 0), drop = t.Int(cDrop, "drop_off_type", 0);
                if (pick is < 0 or > 3) throw t.Error("pickup_type", $"{pick} is not 0–3");
                if (drop is < 0 or > 3) throw t.Error("drop_off_type", $"{drop} is not 0–3");
                long key = ((long)trip << 32) | (uint)seq;
                if (key <= lastKey) sorted = false;
                lastKey = key;
                tripOf.Add(trip); seqOf.Add(seq); stopOf.Add(stop); arr.Add(a); dep.Add(d);
                flags.Add((byte)((pick == 1 ? StopTimeFlags.NoPickup : 0) | (drop == 1 ? StopTimeFlags.NoDropOff : 0)));
                lines.Add((int)Math.Min(int.MaxValue, t.Line));
            }
        }

        int n = tripOf.Count;
        var tripA = tripOf.Detach();
        var seqA = seqOf.Detach();
        var stopA = stopOf.Detach();
        var arrA = arr.Detach();
        var depA = dep.Detach();
        var flagA = flags.Detach();
        var lineA = lines.Detach();
        if (!sorted)
        {
            var keys = new long[n];
            for (int i = 0; i < n; i++) keys[i] = ((long)tripA[i] << 32) | (uint)seqA[i];
            var perm = new int[n];
            for (int i = 0; i < n; i++) perm[i] = i;
            Array.Sort(keys, perm);
            for (int i = 1; i < n; i++)
                if (keys[i] == keys[i - 1])
                    throw new GtfsFormatException(File, lineA[perm[i]], "stop_sequence", $"stop_sequence {seqA[perm[i]]} repeats within trip (first on line {lineA[perm[i - 1]]})");
            keys = null!;
            tripA = Permute(tripA, perm); stopA = Permute(stopA, perm); arrA = Permute(arrA, perm);
            depA = Permute(depA, perm); flagA = Permute(flagA, perm); lineA = Permute(lineA, perm);
        }
        seqA = null!;

        // Trips never seen in stop_times run nowhere; they are kept (empty) after the others.
        for (int old = 0; old < trips.Ids.Count; old++)
            if (newIndex[old] < 0) { newIndex[old] = order.Count; order.Add(old); }
        int tripCount = order.Count;
        var first = new int[tripCount + 1];
        for (int i = 0; i < n; i++) first[tripA[i] + 1]++;
        for (int i = 0; i < tripCount; i++) first[i + 1] += first[i];
        tripA = null!;

        for (int trip = 0; trip < tripCount; trip++)
            FillTimes(first[trip], first[trip + 1], arrA, depA, lineA, trips.Ids[order[trip]]);

        return new Result
        {
            TripIds = order.Select(o => trips.Ids[o]).ToArray(),
            TripHeadsigns = order.Select(o => trips.Headsigns[o]).ToArray(),
            TripRoute = order.Select(o => trips.Route[o]).ToArray(),
            TripService = order.Select(o => trips.Service[o]).ToArray(),
            TripFirst = first,
            Stop = stopA, Arrival = arrA, Departure = depA, Flags = flagA,
        };
    }

    /// <summary>Checks the first and last times, interpolates missing ones and rejects times running backwards.</summary>
    private static void FillTimes(int from, int to, int[] arr, int[] dep, int[] line, string tripId)
    {
        if (to <= from) return;
        if (arr[from] < 0) throw new GtfsFormatException("stop_times.txt", line[from], "arrival_time", $"the first stop of trip '{tripId}' needs a time");
        if (arr[to - 1] < 0) throw new GtfsFormatException("stop_times.txt", line[to - 1], "arrival_time", $"the last stop of trip '{tripId}' needs a time");
        int prev = from;
        for (int i = from + 1; i < to; i++)
        {
            if (arr[i] < 0) continue;
            if (arr[i] < dep[prev])
                throw new GtfsFormatException("stop_times.txt", line[i], "arrival_time",
                    $"{GtfsTime.Format(arr[i])} is before the previous stop's departure {GtfsTime.Format(dep[prev])} in trip '{tripId}'");
            for (int k = prev + 1; k < i; k++)
            {
                // Linear in the position between the timed neighbours (GTFS leaves the method open).
                int v = dep[prev] + (int)((long)(arr[i] - dep[prev]) * (k - prev) / (i - prev));
                arr[k] = dep[k] = v;
            }
            prev = i;
        }
    }

    private static T[] Permute<T>(T[] values, int[] perm)
    {
        var r = new T[values.Length];
        for (int i = 0; i < perm.Length; i++) r[i] = values[perm[i]];
        return r;
    }
}
