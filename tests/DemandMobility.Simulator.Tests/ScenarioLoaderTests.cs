using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests;

public sealed class ScenarioLoaderTests
{
    private static string Pbf => TestRoadNetwork.PbfPath.Replace("\\", "/", StringComparison.Ordinal);

    private static string Valid(string fleet = """[{ "count": 2, "depot": { "lat": 49.983, "lon": 11.585 } }]""", string extra = "") => $$"""
        {
          "name": "t",
          "region_pbf": "{{Pbf}}",
          "fleet": {{fleet}}{{extra}}
        }
        """;

    private static ScenarioException Fails(string json) =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "bad.json", AppContext.BaseDirectory));

    [Fact]
    public void A_minimal_scenario_gets_documented_defaults()
    {
        var s = ScenarioLoader.Parse(Valid(), "ok.json", AppContext.BaseDirectory);
        Assert.Equal(2, s.Vehicles.Length);
        Assert.Equal(["bus-1", "bus-2"], s.Vehicles.Select(v => v.VehicleId));
        Assert.True(s.DayEnd > s.DayStart);
        Assert.Equal(TimeSpan.FromMinutes(10), s.Options.PromiseWindow);
        Assert.Equal(200, s.Settings.Reoptimisation.Iterations);
    }

    [Theory]
    [InlineData("""[{ "count": 0, "depot": { "lat": 49.9, "lon": 11.5 } }]""", "fleet[0].count: must be ≥ 1")]
    [InlineData("""[{ "count": 1 }]""", "fleet[0].depot: required")]
    [InlineData("""[{ "depot": { "lat": 99, "lon": 11.5 } }]""", "fleet[0].depot: not a valid coordinate")]
    [InlineData("""[{ "depot": { "lat": 49.9, "lon": 11.5 }, "shift_start": "25:00" }]""", "fleet[0].shift_start: '25:00' is not a time HH:mm")]
    [InlineData("""[{ "depot": { "lat": 49.9, "lon": 11.5 }, "group": "a b" }]""", "fleet[0].group")]
    [InlineData("[]", "fleet: must list at least one vehicle entry")]
    public void Bad_fleet_entries_are_named(string fleet, string expected)
    {
        var e = Fails(Valid(fleet));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.json: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(""", "date": "10.03.2026" """, "date: '10.03.2026' is not a date")]
    [InlineData(""", "riders": { "no_show_probability": 2 } """, "riders.no_show_probability: must be 0–1")]
    [InlineData(""", "dispatch": { "detour_factor": 0.5 } """, "dispatch.detour_factor: must be 1–10")]
    [InlineData(""", "service_area": { "bbox": [11.6, 49.9, 11.5, 50.0] } """, "service_area.bbox")]
    [InlineData(""", "reoptimisation": { "iterations": 0 } """, "reoptimisation.iterations: must be ≥ 1")]
    [InlineData(""", "day_start": "20:00", "day_end": "06:00" """, "day_end: must be after day_start")]
    [InlineData(""", "time_zone": "Mars/Olympus" """, "time_zone: unknown time zone")]
    public void Bad_settings_are_named_by_key(string extra, string expected)
    {
        var e = Fails(Valid(extra: extra));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_and_broken_json_name_the_place()
    {
        var typo = Fails(Valid(extra: """, "fleeet": [] """));
        Assert.Contains("fleeet", typo.Message, StringComparison.Ordinal);
        var broken = Fails("{\n  \"name\": \"x\",\n  \"fleet\": [ { \"count\": 1, } \n");
        Assert.Contains("line ", broken.Message, StringComparison.Ordinal);
        var wrongType = Fails(Valid(extra: """, "seed": "one" """));
        Assert.Contains("seed", wrongType.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_region_or_file_is_a_clear_error()
    {
        var e = Fails(Valid().Replace(Pbf, "no/such/region.osm.pbf", StringComparison.Ordinal));
        Assert.Contains("region_pbf: file 'no/such/region.osm.pbf' not found", e.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<ScenarioException>(() => ScenarioLoader.Load("/no/such/scenario.json"));
        Assert.Contains("/no/such/scenario.json", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_demand_section_is_named()
    {
        var e = Fails(Valid(extra: """, "demand": { "trips_per_dayy": 5 } """));
        Assert.Contains("demand", e.Message, StringComparison.Ordinal);
        Assert.Contains("trips_per_dayy", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sprinti-bayreuth.json")]
    [InlineData("school-bayreuth.json")]
    [InlineData("kombibus-bayreuth.json")]
    public void The_shipped_scenarios_load(string file)
    {
        string root = RepositoryPaths.FindRoot(AppContext.BaseDirectory)!;
        var s = ScenarioLoader.Load(Path.Combine(root, "simulator", "scenarios", file));
        Assert.NotEmpty(s.Vehicles);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), s.Settings.Name);
    }
}
