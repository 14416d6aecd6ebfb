using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>Scenario mistakes name key and line, say what is expected, suggest the key meant, and never show a .NET type.</summary>
public sealed class ScenarioErrorTests
{
    private static readonly string Pbf = TestRoadNetwork.PbfPath.Replace("\\", "/", StringComparison.Ordinal);

    private static ScenarioException Fails(string json) =>
        Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "bad.json", AppContext.BaseDirectory));

    private static string Scenario(string demand) => $$"""
        {
          "name": "t",
          "region_pbf": "{{Pbf}}",
          "fleet": [{ "count": 2, "depot": { "lat": 49.983, "lon": 11.585 } }],
          "demand": {
            "trips_per_day": 40,
        {{demand}}
          }
        }
        """;

    private static void NoTypeNames(string message)
    {
        Assert.DoesNotContain("System.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("DemandMobility.", message, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typo_inside_demand_names_the_key_its_line_and_the_key_meant()
    {
        var e = Fails(Scenario("""    "prebooked_shar": 0.2"""));
        Assert.Contains("demand.prebooked_shar (line 7): unknown key 'prebooked_shar'; did you mean 'prebooked_share'?", e.Message, StringComparison.Ordinal);
        NoTypeNames(e.Message);
    }

    [Fact]
    public void A_typo_deeper_inside_demand_is_found_too()
    {
        var e = Fails(Scenario("""
                "school": {
                  "pupils": 10,
                  "age_group": []
                }
            """));
        Assert.Contains("demand.school.age_group (line 9): unknown key 'age_group'; did you mean 'age_groups'?", e.Message, StringComparison.Ordinal);
        NoTypeNames(e.Message);
    }

    [Fact]
    public void A_wrong_kind_of_value_inside_demand_says_what_is_expected()
    {
        var e = Fails(Scenario("""    "return_share": "half" """));
        Assert.Contains("demand.return_share (line 7): expected a number", e.Message, StringComparison.Ordinal);
        NoTypeNames(e.Message);
        var mode = Fails(Scenario("""    "mode": "random" """));
        Assert.Contains("demand.mode (line 7): expected one of: synthetic, csv", mode.Message, StringComparison.Ordinal);
        NoTypeNames(mode.Message);
    }

    [Fact]
    public void A_top_level_typo_gets_a_suggestion_and_a_wrong_value_no_type_name()
    {
        var typo = Fails(Scenario("").Replace("\"fleet\":", "\"fleeet\": [], \"fleet\":", StringComparison.Ordinal));
        Assert.Contains("unknown key 'fleeet'; did you mean 'fleet'?", typo.Message, StringComparison.Ordinal);
        Assert.Contains("(line 4)", typo.Message, StringComparison.Ordinal);
        var wrong = Fails(Scenario("").Replace("\"name\": \"t\"", "\"name\": \"t\", \"seed\": \"one\"", StringComparison.Ordinal));
        Assert.Contains("seed (line 2): expected a whole number", wrong.Message, StringComparison.Ordinal);
        NoTypeNames(wrong.Message);
        var nested = Fails(Scenario("").Replace("\"count\": 2", "\"count\": 2, \"seat\": 4", StringComparison.Ordinal));
        Assert.Contains("fleet[0].seat (line 4): unknown key 'seat'; did you mean 'seats'?", nested.Message, StringComparison.Ordinal);
    }
}
