using System.Globalization;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Report.Svg;

namespace DemandMobility.Simulator.Report;

/// <summary>Charts of a morning school run: arrivals against the bell per school, ride times per age group.</summary>
internal static class SchoolCharts
{
    /// <summary>Pupils per school by drop-off minute relative to "must arrive by" (bell − margin), 2-min bins; 0 marked.</summary>
    public static ChartSpec ArrivalVsBell(SimulationResult r)
    {
        var served = r.Trips.Where(t => t.Kind == TripKind.Pupil && t.Outcome == TripOutcome.Served && t.DropoffTime is not null && t.LatestArrival is not null)
            .Select(t => (School: t.Group ?? "pupils", Minutes: (t.DropoffTime!.Value - t.LatestArrival!.Value).TotalMinutes)).ToList();
        const double bin = 2;
        double from = served.Count == 0 ? -30 : Math.Floor(Math.Max(-90, served.Min(s => s.Minutes)) / bin) * bin;
        double to = served.Count == 0 ? 4 : Math.Max(4, Math.Ceiling(served.Max(s => s.Minutes) / bin) * bin + bin);
        int bins = Math.Max(1, (int)Math.Round((to - from) / bin));
        var series = new List<ChartSeries>();
        var schools = served.Select(s => s.School).Distinct().Order(StringComparer.Ordinal).ToList();
        var colours = Palette.Distinct(schools.Count);
        double peak = 0;
        var stack = new double[bins];
        for (int k = 0; k < schools.Count; k++)
        {
            var y = new double[bins];
            foreach (var s in served.Where(s => s.School == schools[k]))
                y[Math.Clamp((int)Math.Floor((s.Minutes - from) / bin), 0, bins - 1)]++;
            for (int i = 0; i < bins; i++) stack[i] += y[i];
            series.Add(new ChartSeries(schools[k], colours[k], SeriesKind.StackedBars, y));
        }
        peak = stack.DefaultIfEmpty(0).Max();
        if (served.Count > 0)
            series.Add(new ChartSeries("must arrive by (bell − margin)", "#000000", SeriesKind.Line, [0, Math.Max(1, peak)], [0, 0], Dashed: true));
        return new ChartSpec("Arrival against the bell, per school", "drop-off minus must-arrive-by (min; negative = early)", "pupils (count)",
            from, from + bins * bin, from, bin, x => XyChart.Format(x), series);
    }

    /// <summary>Pupils delivered by ride minutes (5-min bins), one series per age group (identified by its ride limit).</summary>
    public static ChartSpec RideByAgeGroup(SimulationResult r)
    {
        var served = r.Trips.Where(t => t.Kind == TripKind.Pupil && t.Outcome == TripOutcome.Served && t.RideSeconds is not null).ToList();
        const double bin = 5;
        double maxRide = served.Count == 0 ? 30 : served.Max(t => Math.Max(t.RideSeconds!.Value, t.MaxRideSeconds ?? 0)) / 60;
        int bins = Math.Max(1, (int)Math.Ceiling((maxRide + 0.01) / bin));
        var groups = served.GroupBy(t => t.MaxRideSeconds is { } s ? Math.Round(s / 60) : double.NaN).OrderBy(g => g.Key).ToList();
        var colours = Palette.Distinct(groups.Count);
        var series = new List<ChartSeries>();
        for (int k = 0; k < groups.Count; k++)
        {
            var y = new double[bins];
            foreach (var t in groups[k])
                y[Math.Clamp((int)Math.Floor(t.RideSeconds!.Value / 60 / bin), 0, bins - 1)]++;
            string name = double.IsNaN(groups[k].Key) ? "no ride limit" : "age group with a " + groups[k].Key.ToString("0", CultureInfo.InvariantCulture) + "-min limit";
            series.Add(new ChartSeries(name, colours[k], SeriesKind.GroupedBars, y));
        }
        double top = series.SelectMany(s => s.Y).DefaultIfEmpty(0).Max();
        for (int k = 0; k < groups.Count; k++)
            if (!double.IsNaN(groups[k].Key))
                series.Add(new ChartSeries("limit " + groups[k].Key.ToString("0", CultureInfo.InvariantCulture) + " min", colours[k], SeriesKind.Line,
                    [0, Math.Max(1, top)], [groups[k].Key, groups[k].Key], Dashed: true));
        return new ChartSpec("Ride time of delivered pupils, by age group", "ride time (min)", "pupils (count)", 0, bins * bin, 0, bin,
            x => XyChart.Format(x), series);
    }
}
