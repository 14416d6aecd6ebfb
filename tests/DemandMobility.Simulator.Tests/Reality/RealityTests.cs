using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing.Graph;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Reality;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests.Reality;

/// <summary>The simulated world's travel and dwell times, and the leg timing that places GPS fixes.</summary>
public sealed class RealityTests
{
    private static readonly GeoPoint[] Straight = [new(50.0, 11.50), new(50.0, 11.51), new(50.0, 11.52)];

    [Fact]
    public void The_per_leg_noise_is_lognormal_with_mean_one_and_the_configured_spread()
    {
        var reality = new TravelReality(new RealitySettings { NoiseCv = 0.10 }, 3, router: null);
        var factors = new List<double>();
        for (int i = 0; i < 20_000; i++) factors.Add(reality.Timing(Straight, 100).True[^1] / 100);
        double mean = factors.Average();
        double sd = Math.Sqrt(factors.Sum(f => (f - mean) * (f - mean)) / (factors.Count - 1));
        Assert.InRange(mean, 0.99, 1.01);
        Assert.InRange(sd / mean, 0.095, 0.105);
        Assert.All(factors, f => Assert.True(f > 0));
        // Right-skewed like real link times: the median lies below the mean.
        factors.Sort();
        Assert.True(factors[factors.Count / 2] < mean);
    }

    [Fact]
    public void The_same_seed_gives_the_same_draws_and_no_noise_keeps_the_plan()
    {
        var a = new TravelReality(new RealitySettings { NoiseCv = 0.2 }, 5, null);
        var b = new TravelReality(new RealitySettings { NoiseCv = 0.2 }, 5, null);
        for (int i = 0; i < 10; i++) Assert.Equal(a.Timing(Straight, 60).True, b.Timing(Straight, 60).True);
        var exact = new TravelReality(RealitySettings.Exact, 5, null);
        Assert.True(exact.IsExact);
        var (planned, truth) = exact.Timing(Straight, 60);
        Assert.Equal(planned, truth);
        Assert.Equal(60, truth[^1], 9);
        Assert.Equal(30, truth[1], 6); // spread by distance without a router: two equal segments
    }

    [Fact]
    public void A_slower_road_class_takes_longer_by_its_factor_on_the_real_network()
    {
        var router = ((RoadRouterTravelTimeService)TestRoadNetwork.Travel).Router;
        var travel = TestRoadNetwork.Travel;
        // A leg whose geometry lies on roads; the class of each segment is what it snaps to.
        var from = TestScenarios.Near(new Random(1), travel);
        var to = TestScenarios.Near(new Random(2), travel);
        var route = travel.Route([from, to]);
        Assert.True(route.Found);
        var points = route.Points.ToArray();
        var classes = new HashSet<RoadClass>();
        for (int i = 1; i < points.Length; i++)
        {
            var s = router.Nearest((points[i - 1].Latitude + points[i].Latitude) / 2, (points[i - 1].Longitude + points[i].Longitude) / 2);
            if (s.IsSnapped && s.DistanceMetres < 5) classes.Add((RoadClass)router.Graph.EdgeRoadClass[s.Edge]);
        }
        Assert.NotEmpty(classes);
        var all = classes.ToDictionary(c => RoadClassNames.Name(c), _ => 0.5);
        var slow = new TravelReality(new RealitySettings { NoiseCv = 0, Dwell = null, SpeedFactorByRoadClass = all.ToImmutableDictionary() }, 1, router);
        var (planned, truth) = slow.Timing(points, route.DurationSeconds);
        Assert.Equal(route.DurationSeconds, planned[^1], 6);
        // Every segment on a class at half speed takes twice as long; unmatched connector segments keep their time.
        Assert.InRange(truth[^1] / planned[^1], 1.85, 2.15);
        Assert.False(slow.IsExact);
    }

    [Theory]
    [InlineData(1, 0, false, 14)]
    [InlineData(3, 0, false, 22)]
    [InlineData(0, 1, false, 130)]
    [InlineData(0, 0, true, 45)]
    public void Boarding_takes_a_fixed_part_plus_per_passenger_and_wheelchair_time(int passengers, int wheelchairs, bool parcel, double expected)
    {
        var reality = new TravelReality(new RealitySettings(), 1, null);
        Assert.Equal(expected, reality.BoardingSeconds(passengers, wheelchairs, parcel, planned: 30));
        Assert.Equal(30, new TravelReality(RealitySettings.Exact, 1, null).BoardingSeconds(passengers, wheelchairs, parcel, planned: 30));
    }

    [Fact]
    public void A_timed_leg_places_the_vehicle_by_its_true_time_not_by_distance()
    {
        // First segment slow (40 of 50 s), second fast: after 40 s the vehicle is at the middle point.
        var leg = new RoadLeg(Straight, [0, 40, 50], [0, 25, 50], 50, 1430, 0, 50);
        long at40 = TimeSpan.FromSeconds(40).Ticks;
        Assert.Equal(Straight[1].Longitude, leg.PositionAt(at40).Longitude, 9);
        Assert.Equal(0.5, leg.DistanceShare(at40), 3);
        Assert.Equal(25, leg.PlannedSecondsDoneAt(at40), 6);
        Assert.Equal(11.505, leg.PositionAt(TimeSpan.FromSeconds(20).Ticks).Longitude, 9);
        Assert.Equal(Straight[2], leg.PositionAt(TimeSpan.FromSeconds(60).Ticks));
        Assert.Equal(TimeSpan.FromSeconds(50).Ticks, leg.EndTicks);
    }

    [Theory]
    [InlineData("\"noise_cv\": 2", "reality.noise_cv: must be 0–1")]
    [InlineData("\"speed_factor_by_road_class\": {\"highway\": 0.8}", "reality.speed_factor_by_road_class.highway: unknown road class")]
    [InlineData("\"speed_factor_by_road_class\": {\"tertiary\": 0}", "reality.speed_factor_by_road_class.tertiary: must be 0.1–10")]
    [InlineData("\"dwell\": {\"wheelchair_boarding_s\": -1}", "reality.dwell.wheelchair_boarding_s: must be 0–3600 seconds")]
    public void Bad_reality_settings_are_named(string reality, string expected)
    {
        string pbf = TestRoadNetwork.PbfPath.Replace("\\", "/", StringComparison.Ordinal);
        string json = $$"""
            { "name": "t", "region_pbf": "{{pbf}}", "fleet": [{ "depot": { "lat": 49.983, "lon": 11.585 } }], "reality": { {{reality}} } }
            """;
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.Parse(json, "bad.json", AppContext.BaseDirectory));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_without_a_reality_section_gets_the_default_noisy_world()
    {
        string pbf = TestRoadNetwork.PbfPath.Replace("\\", "/", StringComparison.Ordinal);
        string json = $$"""{ "name": "t", "region_pbf": "{{pbf}}", "fleet": [{ "depot": { "lat": 49.983, "lon": 11.585 } }], "reality": { "speed_factor_by_road_class": { "tertiary": 0.8 } } }""";
        var s = ScenarioLoader.Parse(json, "ok.json", AppContext.BaseDirectory);
        Assert.Equal(0.10, s.Settings.Reality!.NoiseCv);
        Assert.Equal(0.8, s.Settings.Reality.SpeedFactorByRoadClass["tertiary"]);
        Assert.NotNull(s.Settings.Reality.Dwell);
    }
}
