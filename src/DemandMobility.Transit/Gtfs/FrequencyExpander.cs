namespace DemandMobility.Transit.Gtfs;

/// <summary>
/// Expands frequencies.txt: each row repeats its template trip from start_time (inclusive) to end_time
/// (exclusive) every headway_secs, shifting all its stop times; the copies get ids <c>trip@HH:MM:SS</c>.
/// Both exact_times = 1 (scheduled) and 0 (headway-based) become scheduled trips here; for headway-based
/// service that is the usual planning approximation (the headway stands for the expected wait).
/// </summary>
internal static class FrequencyExpander
{
    public static void Expand(GtfsSource source, GtfsImporter.Trips trips, StopTimesReader.Result st)
    {
        using var t = GtfsTable.Open(source, "frequencies.txt");
        if (t is null) return;
        int cTrip = t.RequireColumn("trip_id"), cStart = t.RequireColumn("start_time"), cEnd = t.RequireColumn("end_time"), cHead = t.RequireColumn("headway_secs");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < st.TripIds.Length; i++) index[st.TripIds[i]] = i;
        var copies = new List<(int Trip, int Start)>();
        var templates = new HashSet<int>();
        while (t.Read())
        {
            string id = t.RequiredString(cTrip, "trip_id");
            if (!index.TryGetValue(id, out int trip)) throw t.Error("trip_id", $"unknown trip_id '{id}'");
            int start = t.Time(cStart, "start_time"), end = t.Time(cEnd, "end_time");
            if (start < 0) throw t.Error("start_time", "required value is empty");
            if (end < 0) throw t.Error("end_time", "required value is empty");
            if (end < start) throw t.Error("end_time", "is before start_time");
            int headway = t.RequiredInt(cHead, "headway_secs");
            if (headway <= 0) throw t.Error("headway_secs", "must be positive");
            if (st.TripFirst[trip + 1] - st.TripFirst[trip] == 0) throw t.Error("trip_id", $"trip '{id}' has no stop times to repeat");
            templates.Add(trip);
            for (int s = start; s < end; s += headway) copies.Add((trip, s));
        }
        if (templates.Count == 0) return;

        // Rebuild: non-template trips as they are, then the copies; templates themselves are replaced.
        var keep = Enumerable.Range(0, st.TripIds.Length).Where(i => !templates.Contains(i)).ToList();
        int total = 0;
        foreach (int k in keep) total += st.TripFirst[k + 1] - st.TripFirst[k];
        foreach (var (k, _) in copies) total += st.TripFirst[k + 1] - st.TripFirst[k];
        int tripCount = keep.Count + copies.Count;
        var ids = new string[tripCount]; var heads = new string[tripCount]; var route = new int[tripCount]; var service = new int[tripCount];
        var first = new int[tripCount + 1];
        var stop = new int[total]; var arr = new int[total]; var dep = new int[total]; var flags = new byte[total];
        int w = 0, n = 0;
        void Copy(int src, string id, int shift)
        {
            ids[n] = id; heads[n] = st.TripHeadsigns[src]; route[n] = st.TripRoute[src]; service[n] = st.TripService[src];
            first[n] = w;
            for (int i = st.TripFirst[src]; i < st.TripFirst[src + 1]; i++, w++)
            {
                stop[w] = st.Stop[i]; arr[w] = st.Arrival[i] + shift; dep[w] = st.Departure[i] + shift; flags[w] = st.Flags[i];
            }
            n++;
        }
        foreach (int k in keep) Copy(k, st.TripIds[k], 0);
        foreach (var (k, start) in copies)
        {
            int shift = start - st.Departure[st.TripFirst[k]];
            Copy(k, $"{st.TripIds[k]}@{GtfsTime.Format(start)}", shift);
        }
        first[tripCount] = w;
        st.TripIds = ids; st.TripHeadsigns = heads; st.TripRoute = route; st.TripService = service; st.TripFirst = first;
        st.Stop = stop; st.Arrival = arr; st.Departure = dep; st.Flags = flags;
    }
}
