using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Learning;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Routing;
using DemandMobility.Routing.Graph;
using Xunit;

namespace DemandMobility.Dispatch.Tests;

/// <summary>Quotes plan with the travel times of their pickup hour's time-of-day band.</summary>
public sealed class TimeOfDayQuoteTests
{
    private const double PeakFactor = 0.8;

    /// <summary>
    /// A primary road A — B — C along latitude 50° from the harness origin, 60 s per segment in free flow;
    /// a profile (in UTC) where every road runs at <see cref="PeakFactor"/> of its speed from 7 to 9 h.
    /// </summary>
    private static RoadRouter PeakyLine()
    {
        int[] lat = [500_000_000, 500_000_000, 500_000_000];
        int[] lon = [115_000_000, 115_100_000, 115_200_000];
        var primary = Enumerable.Repeat((byte)RoadClass.Primary, 4).ToArray();
        var graph = new RoadGraph(lat, lon, [0, 1, 3, 4], [1, 0, 2, 1], [60_000, 60_000, 60_000, 60_000], [7_168, 7_168, 7_168, 7_168],
            primary, new int[5], [], [], [true, true, true]);
        var rows = Enumerable.Range(0, 24)
            .Select(h => Enumerable.Repeat(h is 7 or 8 ? PeakFactor : 1.0, Enum.GetValues<RoadClass>().Length).ToArray()).ToArray();
        return RoadRouter.Build(graph).WithTimeOfDay(new TimeOfDayProfile(rows, TimeZoneInfo.Utc));
    }

    private static async Task<double> PlannedRideSecondsAsync(Harness h, DateTimeOffset departure)
    {
        var offer = await h.OfferAsync("rider", Harness.Trip(new PlaceRef(new GeoPoint(50.0, 11.50)), new PlaceRef(new GeoPoint(50.0, 11.52)), departure));
        return (offer.PredictedDropoff - offer.PlannedPickup).TotalSeconds;
    }

    [Fact]
    public async Task A_quote_in_the_morning_peak_plans_a_longer_ride_than_the_same_trip_at_eleven()
    {
        var h = await Harness.CreateAsync(travel: new RoadRouterTravelTimeService(PeakyLine()));
        await h.AddVehicleAsync("v1", depot: new GeoPoint(50.0, 11.50));
        var morning = Harness.Start.AddMinutes(30); // 07:30 UTC
        double peak = await PlannedRideSecondsAsync(h, morning);
        double late = await PlannedRideSecondsAsync(h, morning.Date.AddHours(11));
        // The ride's drive is 120 s in free flow and 120 / 0.8 = 150 s in the peak; boarding time is the same in both.
        Assert.Equal(120 / PeakFactor - 120, peak - late, 0);
    }

    [Fact]
    public void Band_services_are_stable_within_a_band_and_free_flow_hours_answer_from_the_service_itself()
    {
        var service = new RoadRouterTravelTimeService(PeakyLine());
        var at = new DateTimeOffset(2026, 3, 2, 7, 10, 0, TimeSpan.Zero);
        Assert.Same(service.ForDeparture(at), service.ForDeparture(at.AddMinutes(90)));
        Assert.Same(service, ((ITravelTimeService)service).ForDeparture(at.AddHours(4)));
        var a = new GeoPoint(50.0, 11.50);
        var c = new GeoPoint(50.0, 11.52);
        double peak = service.ForDeparture(at).Table([a], [c]).Duration(0, 0);
        Assert.Equal(150, peak, 2);
        // The band's speed bound still bounds its trips.
        Assert.True(GeoMath.HaversineMetres(a, c) / service.ForDeparture(at).MaxSpeedMetresPerSecond <= peak);
    }

    [Fact]
    public void The_swappable_service_answers_each_band_from_the_router_current_at_the_call()
    {
        var line = PeakyLine();
        var swappable = new SwappableTravelTimeService(line, new RoadRouterTravelTimeService(line).MaxSpeedMetresPerSecond);
        var at = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var a = new GeoPoint(50.0, 11.50);
        var c = new GeoPoint(50.0, 11.52);
        Assert.Same(swappable, swappable.ForDeparture(at.AddHours(3)));
        Assert.Equal(150, swappable.ForDeparture(at).Table([a], [c]).Duration(0, 0), 2);
        // A router whose edges take twice as long replaces it: the peak band follows.
        swappable.Swap(line.WithEdgeTravelTimes([120f, 120f, 120f, 120f]));
        Assert.Equal(300, swappable.ForDeparture(at).Table([a], [c]).Duration(0, 0), 2);
    }
}
