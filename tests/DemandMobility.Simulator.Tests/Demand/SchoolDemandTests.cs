using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Demand.Osm;
using Xunit;

namespace DemandMobility.Simulator.Tests.Demand;

public sealed class SchoolDemandTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(1));

    // Two schools in the north-bayreuth extract (which maps none): Neudrossenfeld and Harsdorf village centres.
    private static readonly SchoolSite Neudrossenfeld = new() { Id = "gs-neudrossenfeld", Lat = 50.0183, Lon = 11.5011, Bell = "07:45", AgeGroups = ["primary"] };
    private static readonly SchoolSite Harsdorf = new() { Id = "ms-harsdorf", Lat = 50.0275, Lon = 11.5686, Bell = "08:00", Pupils = 25 };

    private static DemandContext Context(int seed, string? pbf = null) => new(pbf ?? DemandTestPaths.NorthBayreuth, Day, seed, DemandTestPaths.RepoRoot, null);

    private static DemandSettings Settings(bool separate, params SchoolSite[] schools) => new()
    {
        TripsPerDay = 0,
        School = new SchoolDemandSettings { Schools = schools, Pupils = 60, SeparateVehiclesPerSchool = separate, CatchmentKm = 8, MinDistanceKm = 1 },
    };

    [Fact]
    public void EveryPupil_HasASchool_ArrivesBeforeTheBell_AndCarriesItsGroupWhenSeparated()
    {
        var set = DemandBuilder.Build(Settings(true, Neudrossenfeld, Harsdorf), Context(3));
        var schools = new Dictionary<string, SchoolSite> { [Neudrossenfeld.Id] = Neudrossenfeld, [Harsdorf.Id] = Harsdorf };

        Assert.Equal(60, set.Trips.Length);
        Assert.Empty(set.Issues);
        Assert.Equal(25, set.Trips.Count(t => t.Group == Harsdorf.Id));
        Assert.All(set.Trips, t =>
        {
            Assert.Equal(TripKind.Pupil, t.Kind);
            var school = schools[t.Group!];
            Assert.Equal(new GeoPoint(school.Lat!.Value, school.Lon!.Value), t.Destination);
            var bell = Day + TimeSpan.Parse(school.Bell, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(bell.AddMinutes(-5), t.LatestArrival);
            Assert.Null(t.EarliestPickup);
            Assert.Equal(Day, t.RequestTime);
            double km = GeoMath.HaversineMetres(t.Origin, t.Destination) / 1000;
            Assert.InRange(km, 1, 8);
            Assert.Equal(1, t.Passengers);
        });
    }

    [Fact]
    public void RideTimeLimit_FollowsTheAgeGroup_AndASchoolOnlyGetsItsGroups()
    {
        var set = DemandBuilder.Build(Settings(true, Neudrossenfeld, Harsdorf), Context(4));

        Assert.All(set.Trips.Where(t => t.Group == Neudrossenfeld.Id), t => Assert.Equal(TimeSpan.FromMinutes(30), t.MaxRideTime));
        var harsdorfLimits = set.Trips.Where(t => t.Group == Harsdorf.Id).Select(t => t.MaxRideTime).ToHashSet();
        Assert.Subset(new HashSet<TimeSpan?> { TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(45) }, harsdorfLimits);
        Assert.Contains(TimeSpan.FromMinutes(45), harsdorfLimits);
    }

    [Fact]
    public void WithoutSeparation_NoGroupIsSet_AndHomesAreOnResidentialRoads()
    {
        var set = DemandBuilder.Build(Settings(false, Neudrossenfeld, Harsdorf), Context(5));
        var catalog = OsmDemandCatalog.Load(DemandTestPaths.NorthBayreuth);
        var homes = Enumerable.Range(0, catalog.HomeLatitudes.Length)
            .Select(i => new GeoPoint(catalog.HomeLatitudes[i], catalog.HomeLongitudes[i])).ToHashSet();

        Assert.All(set.Trips, t =>
        {
            Assert.Null(t.Group);
            Assert.Contains(t.Origin, homes);
        });
    }

    [Fact]
    public void SchoolWithoutCoordinates_IsFoundInOsmByName()
    {
        var catalog = OsmDemandCatalog.Load(DemandTestPaths.Hoyerswerda);
        var johanneum = catalog.Pois.Single(p => p.Category == "school" && p.Name == "Johanneum");
        var settings = new DemandSettings
        {
            TripsPerDay = 0,
            School = new SchoolDemandSettings
            {
                Schools = [new SchoolSite { Id = "johanneum", Name = "johanneum", Bell = "08:00" }],
                Pupils = 20,
                CatchmentKm = 3,
                MinDistanceKm = 0.3,
                RequestAt = "06:30",
            },
        };
        var set = DemandBuilder.Build(settings, Context(1, DemandTestPaths.Hoyerswerda));

        Assert.Equal(20, set.Trips.Length);
        Assert.All(set.Trips, t =>
        {
            Assert.Equal(johanneum.Point, t.Destination);
            Assert.Equal(Day.AddHours(6.5), t.RequestTime);
        });
    }

    [Fact]
    public void UnknownSchoolName_IsASettingsError_NamingTheSchool()
    {
        var settings = Settings(false, new SchoolSite { Id = "x", Name = "No Such School", Bell = "08:00" });
        var e = Assert.Throws<DemandSettingsException>(() => DemandBuilder.Build(settings, Context(1)));
        Assert.Contains("demand.school.schools[0]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadBellAndUnknownAgeGroup_AreReported()
    {
        var settings = Settings(false, Neudrossenfeld with { Bell = "8h", AgeGroups = ["kindergarten"] });
        var e = Assert.Throws<DemandSettingsException>(() => DemandBuilder.Build(settings, Context(1)));
        Assert.Contains(e.Problems, p => p.StartsWith("demand.school.schools[0].bell", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("kindergarten", StringComparison.Ordinal));

        var noon = Settings(false, Neudrossenfeld) with { School = Settings(false, Neudrossenfeld).School! with { RequestAt = "noon" } };
        var e2 = Assert.Throws<DemandSettingsException>(() => DemandBuilder.Build(noon, Context(1)));
        Assert.StartsWith("demand.school.request_at", Assert.Single(e2.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void EveningBefore_MeansRequestedAtTheDayStart()
    {
        var settings = Settings(false, Harsdorf with { Pupils = null }) with { School = Settings(false, Harsdorf with { Pupils = null }).School! with { RequestAt = "evening_before", Pupils = 10 } };
        var set = DemandBuilder.Build(settings, Context(8));

        Assert.Equal(10, set.Trips.Length);
        Assert.All(set.Trips, t => Assert.Equal(Day, t.RequestTime));
    }
}
