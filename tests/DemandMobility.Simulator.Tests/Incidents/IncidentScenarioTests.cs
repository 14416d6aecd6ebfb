using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests.Incidents;

/// <summary>The scenario's <c>incidents</c> section: resolved to absolute times, and every mistake named with key and line.</summary>
public sealed class IncidentScenarioTests
{
    private static readonly string Pbf = TestRoadNetwork.PbfPath.Replace("\\", "/", StringComparison.Ordinal);

    private static string Scenario(string incidents) => $$"""
        {
          "name": "t",
          "region_pbf": "{{Pbf}}",
          "fleet": [{ "count": 2, "depot": { "lat": 49.983, "lon": 11.585 } }],
          "incidents": [
        {{incidents}}
          ]
        }
        """;

    private static ScenarioException Fails(string incidents) =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(Scenario(incidents), "bad.json", AppContext.BaseDirectory));

    [Fact]
    public void Breakdowns_and_silent_periods_resolve_to_local_times_of_the_day()
    {
        var s = ScenarioLoader.Parse(Scenario("""
                { "kind": "breakdown", "vehicle": "bus-1", "at": "12:30" },
                { "kind": "silent", "vehicle": "bus-2", "from": "14:00", "minutes": 15 }
            """), "ok.json", AppContext.BaseDirectory);

        Assert.Equal(2, s.Incidents.Length);
        var breakdown = s.Incidents[0];
        Assert.Equal(IncidentKind.Breakdown, breakdown.Kind);
        Assert.Equal("bus-1", breakdown.VehicleId);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 12, 30, 0, TimeSpan.FromHours(1)), breakdown.Start);
        var silent = s.Incidents[1];
        Assert.Equal(IncidentKind.Silent, silent.Kind);
        Assert.Equal(TimeSpan.FromMinutes(15), silent.End - silent.Start);
        Assert.Equal(14, silent.Start.Hour);
    }

    [Fact]
    public void An_unknown_vehicle_is_named_with_its_line_and_the_vehicle_meant()
    {
        var e = Fails("""    { "kind": "breakdown", "vehicle": "bus-11", "at": "12:30" }""");
        Assert.Contains("incidents[0].vehicle (line 6): no vehicle 'bus-11' in the fleet; did you mean 'bus-1'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_kind_suggests_the_kind_meant()
    {
        var e = Fails("""    { "kind": "breakdwn", "vehicle": "bus-1", "at": "12:30" }""");
        Assert.Contains("incidents[0].kind (line 6): expected one of: breakdown, silent; did you mean 'breakdown'?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_bad_times_and_minutes_are_named()
    {
        var e = Fails("""
                { "kind": "breakdown", "vehicle": "bus-1", "at": "25:00" },
                { "kind": "silent", "vehicle": "bus-2", "from": "14:00", "minutes": 0 },
                { "kind": "silent", "vehicle": "bus-2", "minutes": 5 }
            """);
        Assert.Contains("incidents[0].at (line 6): '25:00' is not a time HH:mm", e.Message, StringComparison.Ordinal);
        Assert.Contains("incidents[1].minutes (line 7): must be 0–1440 minutes (more than 0)", e.Message, StringComparison.Ordinal);
        Assert.Contains("incidents[2].from: required for a silent period", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_in_an_incident_names_it_and_the_key_meant()
    {
        var e = Fails("""    { "kind": "silent", "vehicle": "bus-1", "from": "14:00", "minute": 5 }""");
        Assert.Contains("incidents[0].minute", e.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'minutes'?", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", e.Message, StringComparison.Ordinal);
    }
}
