using System.Collections.Immutable;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Report;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Sweep;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>The sweep grammar, the grid, the target and the choice of the smallest fleet meeting it.</summary>
public sealed class SweepTests
{
    [Theory]
    [InlineData("fleet=6..14", new double[] { 6, 7, 8, 9, 10, 11, 12, 13, 14 })]
    [InlineData("fleet=6..14:4", new double[] { 6, 10, 14 })]
    [InlineData("max_wait=10,15,20", new double[] { 10, 15, 20 })]
    [InlineData("promise_window=5..7.5:2.5", new double[] { 5, 7.5 })]
    [InlineData("service_hours=06:00-20:00,07:30-22:00", new double[] { 14, 14.5 })]
    public void Ranges_and_lists_give_the_values_in_order(string argument, double[] expected)
    {
        var axis = SweepGrammar.Parse(argument);
        Assert.Equal(expected, axis.Values.Select(v => v.Number));
    }

    [Theory]
    [InlineData("flet=6..14", "unknown parameter 'flet' (did you mean 'fleet'?)")]
    [InlineData("fleet", "expected NAME=VALUES")]
    [InlineData("fleet=14..6", "the range runs backwards (14 > 6); write 6..14")]
    [InlineData("fleet=6..14:0", "the step must be greater than 0")]
    [InlineData("fleet=6.5", "'6.5' must be a whole number")]
    [InlineData("fleet=0,2", "0 is outside 1–500 for fleet")]
    [InlineData("max_wait=ten", "'ten' is not a number")]
    [InlineData("fleet=6...9", "a range is FROM..TO or FROM..TO:STEP")]
    [InlineData("service_hours=6-20", "'6-20' is not a service period HH:mm-HH:mm")]
    [InlineData("service_hours=20:00-06:00", "ends before it starts")]
    [InlineData("fleet=6,6", "a value is listed twice")]
    public void Mistakes_are_named(string argument, string expected)
    {
        var e = Assert.Throws<SweepException>(() => SweepGrammar.Parse(argument));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"--sweep '{argument}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_grid_is_every_combination_and_its_size_is_bounded()
    {
        var axes = new[] { SweepGrammar.Parse("fleet=6..8"), SweepGrammar.Parse("max_wait=10,20") };
        var grid = SweepRunner.Grid(axes);
        Assert.Equal(6, grid.Count);
        Assert.Equal(["fleet=6, max_wait=10", "fleet=6, max_wait=20", "fleet=7, max_wait=10"],
            grid.Take(3).Select(p => string.Join(", ", p.Select(v => v.Name + "=" + v.Value.Text))));
        Assert.Throws<SweepException>(() => SweepGrammar.CheckSize([SweepGrammar.Parse("fleet=1..300")], 3));
        Assert.Throws<SweepException>(() => SweepGrammar.CheckSize(axes, 0));
    }

    [Theory]
    [InlineData("served>=0.95,wait_p95<=1200", "served_share >= 0.95 and wait_p95_s <= 1200")]
    [InlineData("served >= 95%, wait_p95 <= 20min", "served_share >= 0.95 and wait_p95_s <= 1200")]
    [InlineData("cost_per_trip<30", "cost_per_trip_eur < 30")]
    public void Targets_read_aliases_and_units(string text, string expected) =>
        Assert.Equal(expected, SweepTarget.Parse(text, KpiCatalog.KnownKeys).ToString());

    [Theory]
    [InlineData("servd>=0.9", "did you mean 'served'?")]
    [InlineData("served=0.9", "expected KEY>=NUMBER")]
    [InlineData("vehicle_km>=5%", "% only fits a share")]
    public void Bad_targets_are_named(string text, string expected)
    {
        var e = Assert.Throws<SweepException>(() => SweepTarget.Parse(text, KpiCatalog.KnownKeys));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_smallest_fleet_meeting_the_target_is_chosen_and_ties_go_to_the_cheaper_point()
    {
        var target = SweepTarget.Parse("served>=0.9,wait_p95<=1200", KpiCatalog.KnownKeys);
        SweepPoint Point(int fleet, int wait, double served, double waitP95, double cost) =>
            Met(new SweepPoint([("fleet", new SweepValue(fleet.ToString(System.Globalization.CultureInfo.InvariantCulture), fleet)),
                    ("max_wait", new SweepValue(wait.ToString(System.Globalization.CultureInfo.InvariantCulture), wait))],
                [Run(served, waitP95, cost)], false, 0), target);

        var points = new[]
        {
            Point(6, 10, 0.85, 900, 20), Point(6, 20, 0.88, 1300, 19),
            Point(8, 10, 0.91, 1100, 24), Point(8, 20, 0.93, 1150, 22),
            Point(10, 10, 0.97, 800, 28),
        };
        Assert.Equal(3, SweepRunner.Choose(points, target));
        Assert.Null(SweepRunner.Choose(points, SweepTarget.Parse("served>=0.99", KpiCatalog.KnownKeys)));
        Assert.Null(SweepRunner.Choose(points, null));
    }

    [Fact]
    public void The_mean_over_the_seeds_decides_and_the_spread_is_kept()
    {
        var target = SweepTarget.Parse("served>=0.9", KpiCatalog.KnownKeys);
        var point = Met(new SweepPoint([], [Run(0.86, 0, 10), Run(0.95, 0, 12), Run(0.92, 0, 11)], false, 0), target);
        Assert.True(point.MeetsTarget);
        Assert.Equal(2, point.SeedsMeetingTarget);
        Assert.Equal(new Spread((0.86 + 0.95 + 0.92) / 3, 0.86, 0.95), point.Of("served_share"));
    }

    [Fact]
    public void Fleet_sizes_scale_the_entries_so_that_the_busiest_moment_has_that_many_vehicles()
    {
        var duties = Scenario([Entry("early", 10, "06:00", "14:00"), Entry("late", 10, "14:00", "22:00")]);
        var seven = ScenarioVariant.Apply(duties, [("fleet", new SweepValue("7", 7))]);
        Assert.Equal([7, 7], seven.Settings.Fleet.Select(e => e.Count));
        Assert.Equal(14, seven.Vehicles.Length);

        var schools = Scenario([Entry("a", 10, "06:00", "08:30"), Entry("b", 10, "06:00", "08:30")]);
        var thirteen = ScenarioVariant.Apply(schools, [("fleet", new SweepValue("13", 13))]);
        Assert.Equal(13, thirteen.Settings.Fleet.Sum(e => e.Count));

        var hours = ScenarioVariant.Apply(duties, [("service_hours", new SweepValue("07:00-20:00", 13))]);
        Assert.Equal(["07:00-14:00", "14:00-20:00"], hours.Settings.Fleet.Select(e => e.ShiftStart + "-" + e.ShiftEnd));
        Assert.Equal("07:00", hours.Settings.DayStart);
        Assert.Equal(20, hours.DayEnd.Hour);

        var wait = ScenarioVariant.Apply(duties, [("max_wait", new SweepValue("15", 15)), ("trips", new SweepValue("90", 90))]);
        Assert.Equal(TimeSpan.FromMinutes(15), wait.Options.MaxWait);
        Assert.Equal(90, wait.Demand.TripsPerDay);
    }

    [Fact]
    public async Task A_small_sweep_runs_every_point_and_seed_and_picks_the_smallest_fleet_meeting_the_target()
    {
        var scenario = ScenarioLoader.Resolve(TestScenarios.Small(vehicles: 2, seed: 3).Settings, "sweep-test", AppContext.BaseDirectory);
        scenario = scenario with { Demand = new DemandSettings { TripsPerDay = 24, PrebookedShare = 0.3, ArriveByShare = 0 } };
        var axes = new[] { SweepGrammar.Parse("fleet=1..3") };
        // A target every point can be judged on: at least the served share the largest fleet reaches on average, minus a margin.
        var first = await SweepRunner.RunAsync(scenario, axes, 2, null, TestRoadNetwork.Travel, 2);

        Assert.Equal(3, first.Points.Length);
        Assert.All(first.Points, p => Assert.Equal([3, 4], p.Runs.Select(r => r.Seed)));
        Assert.All(first.Points.SelectMany(p => p.Runs), r => Assert.True(r.Completed));
        Assert.Equal([1.0, 2, 3], first.Points.Select(p => p.Runs[0].Kpis["vehicles_needed"]));

        double bound = first.Points[^1].Of("served_share")!.Mean - 0.05;
        var target = SweepTarget.Parse(FormattableString.Invariant($"served>={bound}"), KpiCatalog.KnownKeys);
        var judged = await SweepRunner.RunAsync(scenario, axes, 2, target, TestRoadNetwork.Travel, 1);
        // Reference: the first point, in fleet order, whose mean served share reaches the bound.
        int expected = Enumerable.Range(0, judged.Points.Length).First(i => judged.Points[i].Of("served_share")!.Mean >= bound - 1e-9);
        Assert.Equal(expected, judged.Best);
        // Deterministic whatever the parallelism.
        Assert.Equal(first.Points.Select(p => p.Of("served_share")!.Mean), judged.Points.Select(p => p.Of("served_share")!.Mean));

        string csv = SweepReport.RunsCsv(judged);
        Assert.Equal(1 + 6, csv.TrimEnd('\n').Split('\n').Length);
        Assert.StartsWith("fleet,seed,completed,wall_clock_s,", csv, StringComparison.Ordinal);
        string html = SweepReport.Render(judged);
        Assert.Contains("<tr class=\"best\"><td>" + judged.Points[expected].Values[0].Value.Text + "</td>", html, StringComparison.Ordinal);
        Assert.Contains("Smallest fleet meeting it: fleet=" + judged.Points[expected].Values[0].Value.Text, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verb_refuses_a_bad_sweep_before_running_with_exit_code_2()
    {
        var error = new StringWriter();
        int code = await Cli.SimulateCommand.RunAsync(new Cli.SimulateArguments("no-such.json", Path.GetTempPath(), Sweep: ["flet=6..14"]), TextWriter.Null, error, default);
        Assert.Equal(2, code);
        Assert.Contains("did you mean 'fleet'?", error.ToString(), StringComparison.Ordinal);
        var target = new StringWriter();
        code = await Cli.SimulateCommand.RunAsync(new Cli.SimulateArguments("no-such.json", Path.GetTempPath(), Sweep: ["fleet=6..8"], Target: "servd>=0.9"), TextWriter.Null, target, default);
        Assert.Equal(2, code);
        Assert.Contains("did you mean 'served'?", target.ToString(), StringComparison.Ordinal);
    }

    private static SweepRun Run(double served, double waitP95, double cost) =>
        new(0, 1, new Dictionary<string, double> { ["served_share"] = served, ["wait_p95_s"] = waitP95, ["cost_per_trip_eur"] = cost }
            .ToImmutableSortedDictionary(StringComparer.Ordinal), true, 1);

    private static SweepPoint Met(SweepPoint p, SweepTarget target) =>
        p with { MeetsTarget = target.IsMet(p.Means()), SeedsMeetingTarget = p.Runs.Count(r => target.IsMet(r.Kpis)) };

    private static FleetEntrySettings Entry(string prefix, int count, string from, string to) =>
        new() { IdPrefix = prefix, Count = count, Depot = new LatLonSettings(49.983, 11.585), ShiftStart = from, ShiftEnd = to };

    private static LoadedScenario Scenario(FleetEntrySettings[] fleet) =>
        ScenarioLoader.Resolve(new ScenarioSettings { Name = "s", RegionPbf = TestRoadNetwork.PbfPath, Fleet = [.. fleet] }, "s", AppContext.BaseDirectory);
}
