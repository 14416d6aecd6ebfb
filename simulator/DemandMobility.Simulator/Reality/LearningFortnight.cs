using System.Globalization;
using System.Text;
using DemandMobility.Dispatch.Learning;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing;
using DemandMobility.Routing.Graph;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Report;
using DemandMobility.Simulator.Report.Svg;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Reality;

/// <summary>One simulated day of <see cref="LearningFortnight"/>.</summary>
/// <param name="Day">1-based day.</param>
/// <param name="BaselineInWindowShare">Pickups in window without bias (the profile is right but for noise), no learning.</param>
/// <param name="LearningInWindowShare">Pickups in window with the slow road class, the engine planning on what it learned so far.</param>
/// <param name="BaselineBrokenPromises">Broken promises without bias.</param>
/// <param name="LearningBrokenPromises">Broken promises with bias and learning.</param>
/// <param name="LearnedMedianError">After the day: median over the slow class's edges and service hours of |learned ÷ true time − 1|.</param>
/// <param name="DrivesLearned">Drives between two fixes learned from that day.</param>
/// <param name="ReweightSeconds">Wall time of building the re-weighted router for the next day.</param>
public sealed record FortnightDay(int Day, double BaselineInWindowShare, double LearningInWindowShare, double BaselineBrokenPromises,
    double LearningBrokenPromises, double LearnedMedianError, int DrivesLearned, double ReweightSeconds);

/// <summary>
/// The learning acceptance experiment: day after day (a new demand seed each day), the same scenario runs twice: once
/// in a world whose only difference from the profile is noise (the baseline), and once in a world where one road
/// class is truly slower, against an engine that plans with the travel times learned from its own fleet's GPS fixes
/// so far. Each night the learning is saved, loaded again by a fresh instance (a restart), and re-weighted. Writes
/// <c>fortnight.csv</c> and <c>fortnight.html</c> (both curves, day by day).
/// </summary>
public static class LearningFortnight
{
    /// <summary>Hour whose learned metric the next day's router uses (the bias in this experiment does not vary by hour).</summary>
    private const int ReweightHour = 12;

    /// <summary>Runs the experiment and writes its outputs to <paramref name="outDirectory"/>.</summary>
    public static async Task<IReadOnlyList<FortnightDay>> RunAsync(LoadedScenario scenario, RoadRouter profile, int days, RoadClass slowClass,
        double speedFactor, string outDirectory, TextWriter log, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(outDirectory);
        string file = Path.Combine(outDirectory, "learned-travel-times.dmlt");
        File.Delete(file);
        var world = new RoadRouterTravelTimeService(profile);
        var baseReality = scenario.Settings.Reality ?? new RealitySettings();
        var biased = baseReality with { SpeedFactorByRoadClass = baseReality.SpeedFactorByRoadClass.SetItem(RoadClassNames.Name(slowClass), speedFactor) };
        var options = new LearningOptions { FilePath = file, TimeZone = scenario.Settings.TimeZone };
        var results = new List<FortnightDay>();
        for (int day = 1; day <= days; day++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int seed = scenario.Settings.Seed + day - 1;
            var today = scenario.WithSeed(seed);
            var demand = Simulation.BuildDemand(today);
            var baseline = await Simulation.RunAsync(today with { Settings = today.Settings with { Reality = baseReality } }, world, demand,
                cancellationToken: cancellationToken).ConfigureAwait(false);

            // A fresh learning instance every day: what it knows comes from the file written last night.
            var learning = new TravelTimeLearning(profile, options);
            var loaded = learning.Load();
            if (loaded.Status == LearnedTimesStatus.Rejected) throw new InvalidOperationException(loaded.Message);
            learning.Reweight(ReweightHour);
            var biasedDay = today with { Settings = today.Settings with { Reality = biased } };
            var start = biasedDay.DayStart;
            foreach (var v in biasedDay.Vehicles) if (v.ShiftStart < start) start = v.ShiftStart;
            await using var gateway = await InProcessGateway.OpenAsync(biasedDay.Options, learning.Travel, start, seed,
                biasedDay.Settings.Reoptimisation.Iterations, cancellationToken).ConfigureAwait(false);
            gateway.Engine.UseLearning(learning);
            // The buses follow the dispatcher's (learned) routes; the world times them by the profile with the bias.
            var learned = await new SimulationRunner(biasedDay, demand, gateway, learning.Travel, worldRouter: profile).RunAsync(cancellationToken).ConfigureAwait(false);

            int drives = learning.Learn();
            learning.Save();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            learning.Reweight(ReweightHour);
            double reweight = watch.Elapsed.TotalSeconds;
            double error = MedianError(learning.Learned, slowClass, 1 / speedFactor);
            var row = new FortnightDay(day, baseline.Kpis["pickups_in_window_share"], learned.Kpis["pickups_in_window_share"],
                baseline.Kpis["broken_promises"], learned.Kpis["broken_promises"], error, drives, reweight);
            results.Add(row);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"day {day,2}: in window baseline {row.BaselineInWindowShare:P1}, biased+learning {row.LearningInWindowShare:P1}; broken {row.BaselineBrokenPromises} / {row.LearningBrokenPromises}; learned median error on {RoadClassNames.Name(slowClass)} {error:P1} ({drives} drives; re-weighting {reweight:F2} s)"));
        }
        Write(results, outDirectory, slowClass, speedFactor, scenario.Settings.Name);
        return results;
    }

    /// <summary>Median over the class's edges (main component) and the service hours 6–21 of |learned factor ÷ true factor − 1|.</summary>
    public static double MedianError(LearnedTravelTimes learned, RoadClass roadClass, double trueFactor)
    {
        var g = learned.Profile;
        var errors = new List<double>();
        for (int e = 0; e < g.EdgeCount; e++)
        {
            if (g.EdgeRoadClass[e] != (byte)roadClass || !g.InMainComponent[g.EdgeTarget[e]]) continue;
            for (int h = 6; h <= 21; h++) errors.Add(Math.Abs(learned.Factor(e, h) / trueFactor - 1));
        }
        if (errors.Count == 0) return double.NaN;
        errors.Sort();
        return errors[errors.Count / 2];
    }

    private static void Write(List<FortnightDay> days, string dir, RoadClass slowClass, double speedFactor, string scenario)
    {
        var csv = new StringBuilder("day,baseline_pickups_in_window_share,learning_pickups_in_window_share,baseline_broken_promises,learning_broken_promises,learned_median_error_share,drives_learned,reweight_s\n");
        foreach (var d in days)
            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $"{d.Day},{d.BaselineInWindowShare:0.####},{d.LearningInWindowShare:0.####},{d.BaselineBrokenPromises},{d.LearningBrokenPromises},{d.LearnedMedianError:0.####},{d.DrivesLearned},{d.ReweightSeconds:0.###}\n"));
        File.WriteAllText(Path.Combine(dir, "fortnight.csv"), csv.ToString());

        double[] x = [.. days.Select(d => (double)d.Day)];
        string Day(double v) => v.ToString("0", CultureInfo.InvariantCulture);
        var punctuality = new ChartSpec("Pickups inside the promised window, day by day", "day", "share of pickups", 0.5, days.Count + 0.5, 0, 1, Day,
        [
            new ChartSeries("no bias (noise only), profile times", "#1f77b4", SeriesKind.Line, [.. days.Select(d => d.BaselineInWindowShare)], x),
            new ChartSeries($"{RoadClassNames.Name(slowClass)} at {speedFactor:P0} speed, learned times", "#d62728", SeriesKind.Line, [.. days.Select(d => d.LearningInWindowShare)], x),
        ], 1);
        var error = new ChartSpec($"Learned median error on {RoadClassNames.Name(slowClass)} roads after each day", "day", "median |learned ÷ true − 1|", 0.5, days.Count + 0.5, 0, 1, Day,
        [
            new ChartSeries("median error", "#2ca02c", SeriesKind.Line, [.. days.Select(d => d.LearnedMedianError)], x),
            new ChartSeries("5 % target", "#7f7f7f", SeriesKind.Line, [.. days.Select(_ => 0.05)], x, Dashed: true),
        ], 1);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Learning fortnight: ").Append(HtmlReport.E(scenario))
            .Append("</title>\n</head>\n<body>\n<h1>Learning fortnight: ").Append(HtmlReport.E(scenario)).Append("</h1>\n<p>")
            .Append(HtmlReport.E($"Each day runs twice with a new demand seed: with travel-time noise only (blue), and with {RoadClassNames.Name(slowClass)} roads truly driven at {speedFactor:P0} of the profile speed while the engine plans with the travel times it learned from its fleet's GPS fixes on the days before (red; day 1 = nothing learned yet). Figures per day in fortnight.csv."))
            .Append("</p>\n").Append(XyChart.Render(punctuality)).Append('\n').Append(XyChart.Render(error)).Append("\n</body>\n</html>\n");
        File.WriteAllText(Path.Combine(dir, "fortnight.html"), html.ToString(), new UTF8Encoding(false));
    }
}
