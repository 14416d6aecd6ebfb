using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Tests;

public class JourneyPlannerTests
{
    //  village (50.10, 11.50)          on-demand area: 50.05..50.15 × 11.45..11.65
    //        \ on-demand
    //   Station S (50.10, 11.60) ──train── Town T (50.30, 11.60)
    private static readonly DateOnly Day = new(2026, 12, 8);
    private static readonly GeoPoint Village = new(50.10, 11.50);
    private static readonly GeoPoint TownDoor = new(50.3010, 11.6000);
    private static readonly ServiceArea Area = new([new(50.05, 11.45), new(50.05, 11.65), new(50.15, 11.65), new(50.15, 11.45)]);

    private static Timetable Rail(int? changeAtStation = null) => new TimetableBuilder { FirstDay = Day, Days = 2 }
        .Stop("S", 50.10, 11.60, changeSeconds: changeAtStation).Stop("T", 50.30, 11.60)
        .Trip("Up8", "S 08:00, T 08:20", route: "RB", routeType: 2)
        .Trip("Up9", "S 09:00, T 09:20", route: "RB", routeType: 2)
        .Trip("Down8", "T 08:30, S 08:50", route: "RB", routeType: 2)
        .Build();

    private static async Task<(JourneyPlanner Planner, DispatchEngine Engine, ServiceClock Clock)> Open(Timetable tt, int vehicles = 3)
    {
        var clock = ServiceClock.For(tt.TimeZone);
        var now = clock.ToInstant(Day, 5 * 3600);
        var travel = new StraightLineTravelTimeService(40, 1.3);
        var engine = await OnDemandFleet.OpenAsync(new DispatchOptions { ServiceArea = Area }, travel, new FixedClock(now), vehicles,
            new GeoPoint(50.10, 11.55), now, now.AddHours(8));
        return (new JourneyPlanner(tt, engine, travel), engine, clock);
    }

    [Fact]
    public async Task Feeder_to_the_train_carries_a_hard_latest_dropoff_before_departure()
    {
        var tt = Rail();
        var (planner, _, clock) = await Open(tt);
        var plan = await planner.PlanAsync(new JourneyRequest(Village, TownDoor, clock.ToInstant(Day, 7 * 3600 + 15 * 60)));
        var it = plan.Itineraries.First(i => i.HasOnDemandLeg);
        Assert.Equal([LegMode.OnDemand, LegMode.Rail, LegMode.Walk], it.Legs.Select(l => l.Mode));
        var feeder = it.Legs[0];
        var train = it.Legs[1];
        Assert.Equal(clock.ToInstant(Day, 8 * 3600), train.Departure);
        Assert.Equal(train.Departure - TimeSpan.FromMinutes(5), feeder.LatestDropoff);
        // The guarantee is the engine's own promise: the offer's latest arrival is the hard deadline.
        Assert.Equal(feeder.LatestDropoff, feeder.Offer!.LatestArrival);
        Assert.True(feeder.Offer.PredictedDropoff <= feeder.LatestDropoff);
        Assert.True(feeder.Departure >= clock.ToInstant(Day, 7 * 3600 + 15 * 60));
    }

    [Fact]
    public async Task Transfer_buffer_comes_from_the_feed_when_it_gives_one()
    {
        var tt = Rail(changeAtStation: 600);
        var (planner, _, clock) = await Open(tt);
        var plan = await planner.PlanAsync(new JourneyRequest(Village, TownDoor, clock.ToInstant(Day, 7 * 3600)));
        var feeder = plan.Itineraries.First(i => i.HasOnDemandLeg).Legs[0];
        var train = plan.Itineraries.First(i => i.HasOnDemandLeg).Legs[1];
        Assert.Equal(train.Departure - TimeSpan.FromMinutes(10), feeder.LatestDropoff);
    }

    [Fact]
    public async Task Ride_home_from_the_train_is_anchored_to_its_arrival()
    {
        var tt = Rail();
        var (planner, _, clock) = await Open(tt);
        var plan = await planner.PlanAsync(new JourneyRequest(TownDoor, Village, clock.ToInstant(Day, 8 * 3600 + 20 * 60)));
        var it = plan.Itineraries.First(i => i.HasOnDemandLeg);
        Assert.Equal([LegMode.Walk, LegMode.Rail, LegMode.OnDemand], it.Legs.Select(l => l.Mode));
        var train = it.Legs[1];
        var home = it.Legs[2];
        Assert.Equal(clock.ToInstant(Day, 8 * 3600 + 50 * 60), train.Arrival);
        Assert.Equal(train.Arrival + TimeSpan.FromMinutes(5), home.EarliestPickup);
        Assert.True(home.Offer!.PromisedPickupStart >= train.Arrival);
        Assert.True(home.Departure >= home.EarliestPickup);
    }

    [Fact]
    public async Task Arrive_by_finds_the_latest_train_that_is_early_enough()
    {
        var tt = Rail();
        var (planner, _, clock) = await Open(tt);
        var plan = await planner.PlanAsync(new JourneyRequest(Village, TownDoor, clock.ToInstant(Day, 9 * 3600 + 30 * 60), ArriveBy: true));
        var it = plan.Itineraries.First(i => i.HasOnDemandLeg);
        Assert.Equal("Up9", it.Legs[1].TripId);
        Assert.True(it.Arrival <= clock.ToInstant(Day, 9 * 3600 + 30 * 60));
    }

    [Fact]
    public async Task Confirming_books_every_on_demand_leg_and_without_buses_nothing_is_offered()
    {
        var tt = Rail();
        var (planner, engine, clock) = await Open(tt);
        var plan = await planner.PlanAsync(new JourneyRequest(Village, TownDoor, clock.ToInstant(Day, 7 * 3600)) { RiderId = "r1" });
        var it = plan.Itineraries.First(i => i.HasOnDemandLeg);
        var (ids, error) = await planner.ConfirmAsync("r1", it);
        Assert.Null(error);
        var booking = await engine.GetBookingAsync(CallerIdentity.Rider("r1"), Assert.Single(ids));
        Assert.Equal(BookingStatus.Confirmed, booking.Value!.Booking.Status);
        Assert.Equal(it.Legs[0].LatestDropoff, booking.Value.Booking.Offer!.LatestArrival);

        var (empty, _, _) = await Open(tt, vehicles: 0);
        var none = await empty.PlanAsync(new JourneyRequest(Village, TownDoor, clock.ToInstant(Day, 7 * 3600)));
        Assert.DoesNotContain(none.Itineraries, i => i.HasOnDemandLeg);
        Assert.NotEmpty(none.Notes);
    }
}
