using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Planner.Tests;

/// <summary>Submitted pupils become pupil trips of the demand file with the school's bell, margin, group and ride limit.</summary>
public sealed class SchoolPupilDemandTests
{
    private static LoadedScenario School()
    {
        var root = RepositoryPaths.FindRoot() ?? throw new InvalidOperationException("repository root not found");
        return ScenarioLoader.Load(Path.Combine(root, "simulator", "scenarios", "school-bayreuth.json"));
    }

    [Fact]
    public void Each_pupil_is_a_trip_to_its_school_arriving_by_the_bell_minus_the_margin()
    {
        var csv = SchoolPupilDemand.ToCsv(School(),
        [
            new SchoolPupil("p1", 50.03, 11.52, "gs-neudrossenfeld"),
            new SchoolPupil("p2", 49.99, 11.57, "ms-bindlach", MaxRideMinutes: 20, Wheelchair: true),
        ]);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        // Bells 07:55 / 08:00, margin 5 min; requested at the day start (06:00); primary 30 min, secondary given 20.
        Assert.Equal("p1,06:00,,07:50,50.03,11.52,50.0135,11.502,1,0,pupil,gs-neudrossenfeld,30", lines[1]);
        Assert.Equal("p2,06:00,,07:55,49.99,11.57,50.001,11.599,1,1,pupil,ms-bindlach,20", lines[2]);
    }

    [Fact]
    public void The_scenario_with_the_pupil_file_generates_no_pupils_of_its_own_and_keeps_the_tariff()
    {
        var scenario = SchoolPupilDemand.WithPupilFile(School(), "/tmp/pupils.csv");
        Assert.Equal(DemandMode.Csv, scenario.Demand.Mode);
        Assert.Equal("/tmp/pupils.csv", scenario.Demand.Csv!.Path);
        Assert.Equal(0, scenario.Demand.School!.Pupils);
        Assert.All(scenario.Demand.School.Schools, s => Assert.Equal(0, s.Pupils));
        Assert.Equal(1.6, scenario.Demand.School.Tariff.PerKm);
    }

    [Theory]
    [InlineData("p 1", 50.0, 11.5, "ms-bindlach", null, "pupils[0].id")]
    [InlineData("p1", 50.0, 200, "ms-bindlach", null, "pupils[0].home")]
    [InlineData("p1", 50.0, 11.5, "realschule", null, "pupils[0].school_id")]
    [InlineData("p1", 50.0, 11.5, "ms-bindlach", 500, "pupils[0].max_ride_minutes")]
    public void A_bad_pupil_is_refused_naming_the_field(string id, double lat, double lon, string school, int? ride, string field)
    {
        var e = Assert.Throws<PlannerJobException>(() => SchoolPupilDemand.ToCsv(School(), [new SchoolPupil(id, lat, lon, school, ride)]));
        Assert.Equal(PlannerJobErrorKind.Invalid, e.Kind);
        Assert.StartsWith(field, e.Message, StringComparison.Ordinal);
    }
}
