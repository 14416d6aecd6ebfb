using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Reality;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests.Reality;

/// <summary>
/// Days in a world that differs from the plan (travel-time noise, a slow road class, real dwell times): the
/// punctuality KPIs agree with the trip records, stay within sane bounds, and a seed still gives one result.
/// </summary>
public sealed class PunctualityTests
{
    private static LoadedScenario Noisy(RealitySettings reality, int seed = 7)
    {
        var small = TestScenarios.Small(seed: seed);
        return ScenarioLoader.Resolve(small.Settings with { Reality = reality }, "test-noisy", AppContext.BaseDirectory);
    }

    [Fact]
    public async Task With_default_noise_the_punctuality_kpis_match_the_trip_records_and_stay_sane()
    {
        var scenario = Noisy(new RealitySettings());
        var demand = TestScenarios.Passengers(scenario, 60, 11, TestRoadNetwork.Travel);
        var result = await Simulation.RunAsync(scenario, TestRoadNetwork.Travel, demand);

        Assert.True(result.Completed);
        Invariants.KpisAddUp(result);
        var k = result.Kpis;
        var served = result.Trips.Where(t => t.Outcome == TripOutcome.Served && t.Kind != TripKind.Parcel).ToArray();
        Assert.NotEmpty(served);
        // Recomputed here from the records, independently of PunctualityKpis.
        int late = served.Count(t => t.PickupTime > t.PromisedPickupLatest!.Value.AddSeconds(1));
        Assert.Equal((served.Length - late) / (double)served.Length, k["pickups_in_window_share"], 9);
        Assert.All(served, t => Assert.Equal(Math.Max(0, (t.PickupTime!.Value - t.PromisedPickupLatest!.Value).TotalSeconds), t.PickupLatenessSeconds!.Value, 6));
        var lateness = served.Select(t => t.PickupLatenessSeconds!.Value).Order().ToList();
        Assert.Equal(lateness[(int)Math.Ceiling(0.95 * lateness.Count) - 1], k["pickup_lateness_p95_s"], 9);
        Assert.Equal(lateness[^1], k["pickup_lateness_max_s"], 9);
        // Every late pickup is a broken promise with a cause; the causes and kinds each add up to the total.
        Assert.Equal(late, served.Count(t => t.BrokenPromise == "pickup_late"));
        Assert.All(served.Where(t => t.BrokenPromise is not null), t => Assert.Contains(t.BrokenCause, PunctualityKpis.Causes));
        Assert.Equal(served.Count(t => t.BrokenPromise is not null), (int)k["broken_promises"]);
        Assert.Equal(k["broken_promises"], PunctualityKpis.Causes.Sum(c => k["broken_promises_" + c]));
        Assert.Equal(k["broken_promises"], PunctualityKpis.Promises.Sum(p => k["broken_promises_" + p]));
        // Sane: 10 % noise on 10-min windows keeps most pickups punctual, but the world is not the plan.
        Assert.InRange(k["pickups_in_window_share"], 0.85, 1.0);
        Assert.InRange(k["pickup_lateness_p95_s"], 0, 600);
        Assert.Equal(0, k["capacity_violations"]);

        // The outputs carry it: trips.csv's last three columns and the report's punctuality section.
        string dir = Path.Combine(Path.GetTempPath(), "dm-punctuality-" + Guid.NewGuid().ToString("N"));
        try
        {
            ResultWriter.Write(result, dir);
            var lines = File.ReadAllLines(Path.Combine(dir, "trips.csv"));
            Assert.EndsWith(",pickup_lateness_s,broken_promise,broken_cause,incident,train,train_delay_s,connection", lines[0], StringComparison.Ordinal);
            Assert.Equal(late, lines.Count(l => l.Contains(",pickup_late,", StringComparison.Ordinal)));
            string html = DemandMobility.Simulator.Report.HtmlReport.Render(result);
            Assert.Contains("<h2>Punctuality", html, StringComparison.Ordinal);
            Assert.Contains("pickups in window", html, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task A_seed_gives_one_noisy_day()
    {
        var scenario = Noisy(new RealitySettings { NoiseCv = 0.3 });
        var demand = TestScenarios.Passengers(scenario, 25, 5, TestRoadNetwork.Travel);
        var a = await Simulation.RunAsync(scenario, TestRoadNetwork.Travel, demand);
        var b = await Simulation.RunAsync(scenario, TestRoadNetwork.Travel, demand);
        for (int i = 0; i < a.Trips.Length; i++)
            Assert.True(a.Trips[i] with { BookingId = null } == b.Trips[i] with { BookingId = null }, $"{a.Trips[i]}\n{b.Trips[i]}");
        var exact = await Simulation.RunAsync(Noisy(RealitySettings.Exact), TestRoadNetwork.Travel, demand);
        Assert.NotEqual(a.Trips.Select(t => t.PickupTime), exact.Trips.Select(t => t.PickupTime));
    }

    [Fact]
    public async Task Wheelchair_boardings_far_longer_than_planned_break_promises_by_dwell()
    {
        // No travel noise; every rider needs 20 min to board against the 30 s planned: later stops must run late.
        var reality = new RealitySettings { NoiseCv = 0, Dwell = new DwellSettings { PerBookingS = 1200 } };
        var scenario = Noisy(reality, seed: 9);
        var demand = TestScenarios.Passengers(scenario, 40, 9, TestRoadNetwork.Travel);
        var result = await Simulation.RunAsync(scenario, TestRoadNetwork.Travel, demand);
        var k = result.Kpis;
        Assert.True(k["broken_promises"] > 0, "no promise broken although every boarding takes 20 min");
        Assert.True(k["broken_promises_dwell"] >= k["broken_promises_traffic"], $"dwell {k["broken_promises_dwell"]} traffic {k["broken_promises_traffic"]}");
        Assert.True(k["pickups_in_window_share"] < 1);
    }
}
