using DemandMobility.Dispatch.Domain;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Report;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests.Incidents;

/// <summary>
/// Incidents on small busy days: a broken-down bus serves nobody after the breakdown and the dispatcher re-plans or
/// gives up its bookings with alerts; a silent bus keeps driving but sends no fixes.
/// </summary>
public sealed class IncidentRunTests
{
    private static async Task<(SimulationResult Result, RecordingGateway Gateway)> RunAsync(LoadedScenario scenario, int trips, int seed)
    {
        var travel = TestRoadNetwork.Travel;
        var demand = TestScenarios.Passengers(scenario, trips, seed, travel, prebookedShare: 0.3);
        var inner = await InProcessGateway.OpenAsync(scenario.Options, travel, scenario.DayStart, scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations);
        var gateway = new RecordingGateway(inner);
        var result = await Simulation.RunAsync(scenario, travel, demand, gateway);
        return (result, gateway);
    }

    private static LoadedScenario With(LoadedScenario s, params ScenarioIncident[] incidents) => s with { Incidents = [.. incidents] };

    private static DateTimeOffset At(LoadedScenario s, int hour, int minute) =>
        new(s.DayStart.Date.AddHours(hour).AddMinutes(minute), s.DayStart.Offset);

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public async Task A_broken_down_bus_serves_nobody_afterwards_and_its_riders_are_replanned_or_disrupted(int seed)
    {
        var small = TestScenarios.Small(vehicles: 3, seed: seed);
        var breakdown = At(small, 8, 30);
        var scenario = With(small, new ScenarioIncident(IncidentKind.Breakdown, "bus-1", breakdown, breakdown));

        var (result, gateway) = await RunAsync(scenario, 50, seed);

        Assert.True(result.Completed);
        Invariants.KpisAddUp(result);
        Assert.Equal(0, result.Kpis["dispatcher_call_failures"]);
        // No pickup, drop-off or any other stop event by the broken bus after the breakdown.
        Assert.DoesNotContain(result.Trips, t => t.PickupTime > breakdown && t.VehicleId == "bus-1" && t.Outcome == TripOutcome.Served);
        Assert.DoesNotContain(gateway.StopEvents, e => e.Event.VehicleId == "bus-1" && e.At > breakdown);
        Assert.DoesNotContain(gateway.Fixes, f => f.VehicleId == "bus-1" && f.At > breakdown);
        // The engine keeps no booking on it: its manifest is empty at the end.
        var manifest = await gateway.Inner.Engine.GetManifestAsync(CallerIdentity.Dispatcher("t"), "bus-1");
        Assert.True(manifest.IsSuccess);
        Assert.Empty(manifest.Value!.Stops);

        // The riders it was to serve are listed, each re-planned (served by another bus or ended otherwise) or disrupted.
        var affected = result.Trips.Where(t => t.Incident == "breakdown").ToList();
        Assert.NotEmpty(affected);
        Assert.Equal(affected.Count, result.Kpis["incident_replanned"] + affected.Count(t => t.Outcome == TripOutcome.Disrupted));
        Assert.All(affected.Where(t => t.Outcome == TripOutcome.Served), t => Assert.NotEqual("bus-1", t.VehicleId));
        Assert.All(result.Trips.Where(t => t.Outcome == TripOutcome.Disrupted), t => Assert.False(string.IsNullOrEmpty(t.Reason), t.TripId));

        // The control room was told.
        Assert.Contains(result.Alerts, a => a.Kind == "duty_lost" && a.VehicleId == "bus-1");
        Assert.Equal(result.Alerts.Length, (int)result.Kpis["dispatcher_alerts"]);
        Assert.True(result.Kpis["incident_affected_riders"] >= affected.Count);

        var html = HtmlReport.Render(result);
        Assert.Contains("<h2>Incidents", html, StringComparison.Ordinal);
        Assert.All(affected, t => Assert.Contains(t.TripId, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_silent_bus_keeps_driving_but_sends_no_fixes_in_its_silent_period()
    {
        var small = TestScenarios.Small(vehicles: 2, seed: 11);
        var from = At(small, 7, 45);
        var until = from.AddMinutes(30);
        var scenario = With(small, new ScenarioIncident(IncidentKind.Silent, "bus-1", from, until));

        var (result, gateway) = await RunAsync(scenario, 40, 11);

        Assert.True(result.Completed);
        Invariants.KpisAddUp(result);
        Assert.DoesNotContain(gateway.Fixes, f => f.VehicleId == "bus-1" && f.At >= from && f.At < until);
        Assert.Contains(gateway.Fixes, f => f.VehicleId == "bus-1" && (f.At < from || f.At >= until));
        // It keeps serving its stops while silent: the stop events still come.
        Assert.Contains(gateway.StopEvents, e => e.Event.VehicleId == "bus-1" && e.At >= from && e.At < until);
    }

    [Fact]
    public async Task The_shipped_incident_day_replans_the_broken_bus_lists_its_riders_and_raises_alerts()
    {
        string root = RepositoryPaths.FindRoot(AppContext.BaseDirectory)!;
        var scenario = ScenarioLoader.Load(Path.Combine(root, "simulator", "scenarios", "sprinti-incidents.json"));
        Assert.Equal(2, scenario.Incidents.Length);
        var breakdown = Assert.Single(scenario.Incidents, i => i.Kind == IncidentKind.Breakdown);
        // The whole shipped day (≈ 10 s): a thinner day may leave the broken bus with nothing booked at 12:30.

        var result = await Simulation.RunAsync(scenario, TestRoadNetwork.Travel, Simulation.BuildDemand(scenario));

        Assert.True(result.Completed);
        Invariants.KpisAddUp(result);
        Assert.Equal(0, result.Kpis["dispatcher_call_failures"]);
        Assert.DoesNotContain(result.Trips, t => t.VehicleId == breakdown.VehicleId && t.PickupTime > breakdown.Start);
        Assert.NotEmpty(result.Alerts);
        Assert.Contains(result.Alerts, a => a.VehicleId == breakdown.VehicleId && a.Kind == "duty_lost");
        var affected = result.Trips.Where(t => t.Incident is not null).ToList();
        Assert.NotEmpty(affected);
        Assert.Equal(affected.Count, (int)result.Kpis["incident_affected_riders"]);
        var html = HtmlReport.Render(result);
        Assert.All(affected, t => Assert.Contains(t.TripId, html, StringComparison.Ordinal));
    }
}
