using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Reality;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Tests.Support;

/// <summary>Small scenarios on the real network, with demand drawn directly (independent of the demand builder).</summary>
internal static class TestScenarios
{
    /// <summary>Village centres and POIs of the north-bayreuth area (lat, lon).</summary>
    private static readonly GeoPoint[] Places =
    [
        new(50.0115, 11.4990), new(50.0360, 11.5660), new(49.9836, 11.5850), new(50.0234, 11.5720), new(50.0020, 11.5410),
        new(50.0280, 11.5180), new(49.9920, 11.5240), new(50.0180, 11.5470), new(50.0390, 11.5350), new(49.9880, 11.5610),
    ];

    public static LoadedScenario Small(int vehicles = 3, int seed = 7, double parcelUnits = 0, string? group = null, Action<ScenarioSettings>? _ = null)
    {
        var settings = new ScenarioSettings
        {
            Name = "test-small",
            RegionPbf = TestRoadNetwork.PbfPath,
            Date = "2026-03-10",
            DayStart = "07:00",
            DayEnd = "10:00",
            Seed = seed,
            Fleet = [new FleetEntrySettings
            {
                Count = vehicles, Seats = 8, WheelchairPlaces = 1, ParcelUnits = (int)parcelUnits,
                Depot = new LatLonSettings(49.983, 11.585), ShiftStart = "07:00", ShiftEnd = "10:30", Group = group,
            }],
            Riders = new RiderBehaviourSettings { CancelProbability = 0.1, NoShowProbability = 0.1 },
            Reoptimisation = new ReoptimisationSettings { IntervalMin = 20, Iterations = 200 },
            // Driven exactly as planned: these days test the engine's own promises (PunctualityTests adds the noise).
            Reality = RealitySettings.Exact,
        };
        return ScenarioLoader.Resolve(settings, "test", AppContext.BaseDirectory);
    }

    /// <summary>Random passenger trips between snapped points near the places, immediate or pre-booked.</summary>
    public static DemandSet Passengers(LoadedScenario scenario, int count, int seed, ITravelTimeService travel, double prebookedShare = 0.3)
    {
        var random = new Random(seed);
        var trips = ImmutableArray.CreateBuilder<DemandTrip>();
        var day = scenario.DayStart;
        double minutes = (scenario.DayEnd - scenario.DayStart).TotalMinutes - 60;
        for (int i = 0; i < count; i++)
        {
            var o = Near(random, travel);
            GeoPoint d;
            do d = Near(random, travel); while (GeoMath.HaversineMetres(o, d) < 1500);
            var request = day.AddMinutes(random.NextDouble() * minutes);
            bool pre = random.NextDouble() < prebookedShare;
            var pickup = pre ? request.AddMinutes(30 + random.Next(60)) : request;
            trips.Add(new DemandTrip($"r{i:D4}", request, pickup, null, o, d, random.NextDouble() < 0.2 ? 2 : 1,
                random.NextDouble() < 0.05 ? 1 : 0, TripKind.Passenger));
        }
        return new DemandSet([.. trips.OrderBy(t => t.RequestTime).ThenBy(t => t.Id, StringComparer.Ordinal)], []);
    }

    public static GeoPoint Near(Random random, ITravelTimeService travel)
    {
        while (true)
        {
            var c = Places[random.Next(Places.Length)];
            var p = new GeoPoint(c.Latitude + (random.NextDouble() - 0.5) * 0.01, c.Longitude + (random.NextDouble() - 0.5) * 0.015);
            var snap = travel.Snap(p);
            if (snap.Status == SnapStatus.Snapped && snap.WalkingMetres < 200) return p;
        }
    }
}

/// <summary>School and KombiBUS variants of the small test day.</summary>
internal static class TestKinds
{
    public static readonly string[] Schools = ["school-a", "school-b"];
    private static readonly GeoPoint[] SchoolSites = [new(50.0128, 11.5020), new(50.0232, 11.5700)];

    public static LoadedScenario School(int seed)
    {
        var depot = new LatLonSettings(49.983, 11.585);
        var settings = new ScenarioSettings
        {
            Name = "test-school", RegionPbf = TestRoadNetwork.PbfPath, Date = "2026-03-10", DayStart = "06:00", DayEnd = "08:30", Seed = seed,
            Fleet =
            [
                new FleetEntrySettings { Count = 2, IdPrefix = "a", Seats = 16, Depot = depot, ShiftStart = "06:00", ShiftEnd = "08:30", Group = Schools[0] },
                new FleetEntrySettings { Count = 2, IdPrefix = "b", Seats = 16, Depot = depot, ShiftStart = "06:00", ShiftEnd = "08:30", Group = Schools[1] },
            ],
            Riders = new RiderBehaviourSettings { CancelProbability = 0, NoShowProbability = 0, AcceptableWaitMin = 90, MaxAlternatives = 0 },
            Dispatch = new DispatchSettings { MaxWaitMin = 60, DetourFactor = 2, DetourConstantMin = 10 },
            Reoptimisation = new ReoptimisationSettings { IntervalMin = 10, Iterations = 100 },
            Reality = RealitySettings.Exact,
        };
        return ScenarioLoader.Resolve(settings, "test-school", AppContext.BaseDirectory);
    }

    public static DemandSet Pupils(LoadedScenario scenario, int count, int seed, ITravelTimeService travel)
    {
        var random = new Random(seed);
        var trips = new List<DemandTrip>();
        for (int i = 0; i < count; i++)
        {
            int school = i % 2;
            var bell = scenario.DayStart.AddMinutes(school == 0 ? 115 : 120);
            var home = TestScenarios.Near(random, travel);
            trips.Add(new DemandTrip($"p{i:D3}", scenario.DayStart, null, bell.AddMinutes(-5), home, SchoolSites[school], 1, 0, TripKind.Pupil,
                Group: Schools[school], MaxRideTime: TimeSpan.FromMinutes(40)));
        }
        return new DemandSet([.. trips], []);
    }

    public static LoadedScenario Kombi(int seed)
    {
        var baseScenario = TestScenarios.Small(seed: seed, parcelUnits: 6);
        return baseScenario;
    }

    public static DemandSet PassengersAndParcels(LoadedScenario scenario, int passengers, int parcels, int seed, ITravelTimeService travel)
    {
        var demand = TestScenarios.Passengers(scenario, passengers, seed, travel);
        var random = new Random(seed + 1);
        var trips = new List<DemandTrip>(demand.Trips);
        for (int i = 0; i < parcels; i++)
        {
            var at = scenario.DayStart.AddMinutes(random.Next(60));
            trips.Add(new DemandTrip($"parcel-{i:D3}", at, at.AddMinutes(15), null, TestScenarios.Near(random, travel), TestScenarios.Near(random, travel),
                0, 0, TripKind.Parcel, ParcelUnits: 1 + random.Next(2), DeliverBy: at.AddMinutes(150)));
        }
        return new DemandSet([.. trips.OrderBy(t => t.RequestTime).ThenBy(t => t.Id, StringComparer.Ordinal)], []);
    }
}
