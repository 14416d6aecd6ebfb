using System.Globalization;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Report.Svg;

namespace DemandMobility.Simulator.Report;

/// <summary>Turns simulation results into the report's chart specifications (one or two runs overlaid).</summary>
internal static class ReportCharts
{
    private static readonly (TripOutcome Outcome, string Name, string Colour)[] Outcomes =
    [
        (TripOutcome.Served, "served", Palette.Served),
        (TripOutcome.Rejected, "rejected", Palette.Rejected),
        (TripOutcome.Declined, "declined", Palette.Declined),
        (TripOutcome.Cancelled, "cancelled", Palette.Cancelled),
        (TripOutcome.NoShow, "no-show", Palette.NoShow),
        (TripOutcome.Unfinished, "unfinished", Palette.Unfinished),
        (TripOutcome.Disrupted, "disrupted", Palette.Disrupted),
    ];

    /// <summary>
    /// The clock hours shown on time axes (hours after the local midnight of the day start): the simulated period,
    /// widened to whole hours covering every trip's travel time and every fleet sample, within 0–48 h.
    /// </summary>
    public static (double From, double To) Window(SimulationResult r)
    {
        double from = Hours(r.DayStart, r), to = Hours(r.DayEnd, r);
        foreach (var t in r.Trips)
        {
            double h = Hours(TravelTime(t), r);
            from = Math.Min(from, h);
            to = Math.Max(to, h);
        }
        foreach (var s in r.FleetSamples)
        {
            double h = Hours(s.Time, r);
            from = Math.Min(from, h);
            to = Math.Max(to, h);
        }
        from = Math.Clamp(Math.Floor(from), 0, 47);
        to = Math.Clamp(Math.Ceiling(to), from + 1, 48);
        return (from, to);
    }

    private static (double From, double To) Window(SimulationResult a, SimulationResult? b)
    {
        var w = Window(a);
        if (b is null)
            return w;
        var v = Window(b);
        return (Math.Min(w.From, v.From), Math.Max(w.To, v.To));
    }

    /// <summary>Hours of <paramref name="t"/> after the local midnight of the run's day start.</summary>
    private static double Hours(DateTimeOffset t, SimulationResult r) => (t - (r.DayStart - r.DayStart.TimeOfDay)).TotalHours;

    public static ChartSpec DemandOverDay(SimulationResult a, SimulationResult? b, string nameA, string nameB)
    {
        var (from, to) = Window(a, b);
        int bins = (int)((to - from) * 2);
        var series = new List<ChartSeries>();
        if (b is null)
        {
            foreach (var (outcome, name, colour) in Outcomes)
            {
                var y = new double[bins];
                foreach (var t in a.Trips)
                    if (t.Outcome == outcome)
                        y[Bin(Hours(TravelTime(t), a), from, bins)]++;
                if (y.Any(v => v > 0) || outcome == TripOutcome.Served)
                    series.Add(new ChartSeries(name, colour, SeriesKind.StackedBars, y));
            }
        }
        else
        {
            var centres = Enumerable.Range(0, bins).Select(i => from + i * 0.5 + 0.25).ToArray();
            foreach (var (run, name, dashed) in new[] { (a, nameA, false), (b, nameB, true) })
            {
                var all = new double[bins];
                var served = new double[bins];
                foreach (var t in run.Trips)
                {
                    int i = Bin(Hours(TravelTime(t), run), from, bins);
                    all[i]++;
                    if (t.Outcome == TripOutcome.Served)
                        served[i]++;
                }
                series.Add(new ChartSeries(name + ": requests", Palette.At(0), SeriesKind.Line, all, centres, dashed));
                series.Add(new ChartSeries(name + ": served", Palette.Served, SeriesKind.Line, served, centres, dashed));
            }
        }
        return new ChartSpec("Demand over the day (trips per 30 min, by desired travel time)", "desired pickup or arrival time (local clock time)", "trips per 30 min (count)",
            from, to, from, 0.5, HourLabel, series, HourStep(to - from));
    }

    public static ChartSpec FleetOverDay(SimulationResult a, SimulationResult? b, string nameA, string nameB)
    {
        var (from, to) = Window(a, b);
        var series = new List<ChartSeries>();
        foreach (var (run, name, dashed) in b is null ? new[] { (a, "", false) } : new[] { (a, nameA + ": ", false), (b, nameB + ": ", true) })
        {
            if (run.FleetSamples.IsEmpty)
                continue;
            var x = run.FleetSamples.Select(s => Hours(s.Time, run)).ToArray();
            series.Add(new ChartSeries(name + "passengers on board", Palette.At(0), SeriesKind.Line, run.FleetSamples.Select(s => (double)s.PassengersOnBoard).ToArray(), x, dashed));
            if (run.FleetSamples.Any(s => s.ParcelsOnBoard > 0))
                series.Add(new ChartSeries(name + "parcels on board", Palette.At(1), SeriesKind.Line, run.FleetSamples.Select(s => (double)s.ParcelsOnBoard).ToArray(), x, dashed));
            series.Add(new ChartSeries(name + "vehicles moving", Palette.At(3), SeriesKind.Line, run.FleetSamples.Select(s => (double)s.VehiclesMoving).ToArray(), x, dashed));
            series.Add(new ChartSeries(name + "vehicles on shift", Palette.Unfinished, SeriesKind.Line, run.FleetSamples.Select(s => (double)s.VehiclesOnShift).ToArray(), x, dashed));
        }
        return new ChartSpec("Fleet over the day", "time of day (local clock time)", "count (persons, parcel items, vehicles)", from, to, from, 0.5, HourLabel, series, HourStep(to - from));
    }

    /// <summary>
    /// Waits of served departure requests. On a single run the bars are split: riders booked at the time they first
    /// asked for, and riders who were refused and took a later alternative time, whose wait (counted from the time
    /// first asked) includes the shift to the alternative and can exceed the dispatcher's maximum wait.
    /// </summary>
    public static ChartSpec WaitHistogram(SimulationResult a, SimulationResult? b, string nameA, string nameB)
    {
        var spec = Histogram("Wait time of served trips (pickup − time first asked for)", "wait (min; last bar: that and longer)", 2, 60,
            r => r.WaitSeconds / 60, a, b, nameA, nameB);
        if (b is not null || spec.Series.Count != 1 || spec.Series[0].Y.Length == 0 || !a.Trips.Any(t => t.AlternativeTime is not null))
            return spec;
        int bins = spec.Series[0].Y.Length;
        var asked = new double[bins];
        var alternative = new double[bins];
        foreach (var t in a.Trips)
        {
            if (t.Outcome != TripOutcome.Served || t.WaitSeconds is not { } w) continue;
            int i = Math.Clamp((int)Math.Floor(w / 60 / spec.BinWidth), 0, bins - 1);
            (t.AlternativeTime is null ? asked : alternative)[i]++;
        }
        return spec with
        {
            Series =
            [
                new ChartSeries("booked at the time asked", Palette.At(0), SeriesKind.StackedBars, asked),
                new ChartSeries("took a later alternative time", "#9ecae1", SeriesKind.StackedBars, alternative),
            ],
        };
    }

    public static ChartSpec RideHistogram(SimulationResult a, SimulationResult? b, string nameA, string nameB) =>
        Histogram("Ride time of served trips", "ride time (min; last bar: that and longer)", 5, 120,
            r => r.RideSeconds / 60, a, b, nameA, nameB);

    public static ChartSpec DetourHistogram(SimulationResult a, SimulationResult? b, string nameA, string nameB) =>
        Histogram("Detour factor of served trips (ride time ÷ direct ride time)", "detour factor (ratio; last bar: that and more)", 0.1, 3,
            r => r.RideSeconds is { } ride && r.DirectRideSeconds is > 0 ? ride / r.DirectRideSeconds.Value : null, a, b, nameA, nameB, 1.0);

    private static ChartSpec Histogram(string title, string xLabel, double binWidth, double cap, Func<TripRecord, double?> value,
        SimulationResult a, SimulationResult? b, string nameA, string nameB, double start = 0)
    {
        var runs = b is null ? new[] { (a, "served trips") } : new[] { (a, nameA), (b, nameB) };
        double max = start + binWidth;
        foreach (var (run, _) in runs)
            foreach (var t in run.Trips)
                if (t.Outcome == TripOutcome.Served && value(t) is { } v && double.IsFinite(v))
                    max = Math.Max(max, v);
        double end = Math.Min(cap, Math.Ceiling((max - start) / binWidth + 1e-9) * binWidth + start);
        int bins = Math.Max(1, (int)Math.Round((end - start) / binWidth));
        var series = new List<ChartSeries>();
        for (int k = 0; k < runs.Length; k++)
        {
            var y = new double[bins];
            foreach (var t in runs[k].Item1.Trips)
            {
                if (t.Outcome != TripOutcome.Served || value(t) is not { } v || !double.IsFinite(v))
                    continue;
                int i = (int)Math.Floor((v - start) / binWidth);
                y[Math.Clamp(i, 0, bins - 1)]++;
            }
            series.Add(new ChartSeries(runs[k].Item2, Palette.At(k == 0 ? 0 : 1), SeriesKind.GroupedBars, y));
        }
        if (series.All(s => s.Y.All(v => v == 0)))
            series = [.. series.Select(s => s with { Y = [] })];
        return new ChartSpec(title, xLabel, "served trips (count)", start, start + bins * binWidth, start, binWidth,
            x => XyChart.Format(Math.Round(x, 2)), series);
    }

    /// <summary>
    /// When the rider wants to travel (requested pickup, else latest arrival, else the request itself): pre-bookings
    /// made the evening before would otherwise all pile up at the day start.
    /// </summary>
    private static DateTimeOffset TravelTime(TripRecord t) => t.RequestedPickup ?? t.LatestArrival ?? t.RequestTime;

    private static int Bin(double hours, double from, int bins) => Math.Clamp((int)Math.Floor((hours - from) * 2), 0, bins - 1);

    /// <summary>A clock-friendly tick step (1, 2, 3, 4, 6 or 12 h) giving at most eight intervals.</summary>
    private static double HourStep(double spanHours)
    {
        foreach (double step in (ReadOnlySpan<double>)[1, 2, 3, 4, 6])
            if (spanHours / step <= 8)
                return step;
        return 12;
    }

    private static string HourLabel(double hours)
    {
        int minutes = (int)Math.Round(hours * 60);
        return string.Create(CultureInfo.InvariantCulture, $"{minutes / 60:D2}:{minutes % 60:D2}");
    }
}
