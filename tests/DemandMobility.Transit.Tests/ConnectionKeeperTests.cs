using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Transit.Planning;
using DemandMobility.Transit.Realtime;
using DemandMobility.Transit.Realtime.Proto;
using DemandMobility.Transit.Timetables;
using Google.Protobuf;

namespace DemandMobility.Transit.Tests;

/// <summary>Real-time delays acting on confirmed bookings: the engine re-times them, the keeper re-plans lost connections.</summary>
public class ConnectionKeeperTests
{
    private static readonly DateOnly Day = new(2026, 12, 8);
    private static readonly GeoPoint Village = new(50.10, 11.50);
    private static readonly GeoPoint TownDoor = new(50.3010, 11.6000);
    private static readonly ServiceArea Area = new([new(50.05, 11.45), new(50.05, 11.65), new(50.15, 11.65), new(50.15, 11.45)]);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static Timetable Rail() => new TimetableBuilder { FirstDay = Day, Days = 2 }
        .Stop("S", 50.10, 11.60).Stop("T", 50.30, 11.60)
        .Trip("Up8", "S 08:00, T 08:20", route: "RB", routeType: 2)
        .Trip("Up9", "S 09:00, T 09:20", route: "RB", routeType: 2)
        .Trip("Down8", "T 08:30, S 08:50", route: "RB", routeType: 2)
        .Trip("Down9", "T 09:30, S 09:50", route: "RB", routeType: 2)
        .Build();

    private sealed record Setup(Timetable Tt, JourneyPlanner Planner, DispatchEngine Engine, ServiceClock Clock, FixedClock Now,
        ConnectionKeeper Keeper, List<(string Rider, Itinerary Itinerary)> Held);

    private static async Task<Setup> Open(int vehicles = 3, double shiftHours = 8)
    {
        var tt = Rail();
        var clock = ServiceClock.For(tt.TimeZone);
        var now = new FixedClock(clock.ToInstant(Day, 5 * 3600));
        var travel = new StraightLineTravelTimeService(40, 1.3);
        var engine = await OnDemandFleet.OpenAsync(new DispatchOptions { ServiceArea = Area }, travel, now, vehicles,
            new GeoPoint(50.10, 11.55), now.Now, now.Now.AddHours(shiftHours));
        var planner = new JourneyPlanner(tt, engine, travel);
        var held = new List<(string, Itinerary)>();
        var keeper = new ConnectionKeeper(planner, engine, now, (rider, it) => { held.Add((rider, it)); return "j-" + held.Count; });
        return new Setup(tt, planner, engine, clock, now, keeper, held);
    }

    private static async Task<Booking> Book(Setup s, GeoPoint from, GeoPoint to, int hour, int minute, string rider)
    {
        var plan = await s.Planner.PlanAsync(new JourneyRequest(from, to, s.Clock.ToInstant(Day, hour * 3600 + minute * 60), RiderId: rider));
        var it = plan.Itineraries.First(i => i.HasOnDemandLeg);
        var (ids, error) = await s.Planner.ConfirmAsync(rider, it);
        Assert.Null(error);
        return (await s.Engine.GetBookingAsync(CallerIdentity.Rider(rider), Assert.Single(ids))).Value!.Booking;
    }

    private static DelayOverlay Overlay(Timetable tt, string trip, string stop, int? arrivalDelay = null, int? departureDelay = null, bool cancelled = false)
    {
        var update = new TripUpdate { Trip = new TripDescriptor { TripId = trip, StartDate = Day.ToString("yyyyMMdd") } };
        if (cancelled) update.Trip.ScheduleRelationship = TripDescriptor.Types.ScheduleRelationship.Canceled;
        else
        {
            var u = new TripUpdate.Types.StopTimeUpdate { StopId = stop };
            if (arrivalDelay is { } a) u.Arrival = new TripUpdate.Types.StopTimeEvent { Delay = a };
            if (departureDelay is { } d) u.Departure = new TripUpdate.Types.StopTimeEvent { Delay = d };
            update.StopTimeUpdate.Add(u);
        }
        var message = new FeedMessage { Header = new FeedHeader { GtfsRealtimeVersion = "2.0" } };
        message.Entity.Add(new FeedEntity { Id = "e1", TripUpdate = update });
        // Through the wire format, as a recorded message would arrive.
        return TripUpdateReader.ToOverlay(TripUpdateReader.Parse(message.ToByteArray()), tt, Day, out _);
    }

    [Fact]
    public async Task A_late_departure_relaxes_the_feeders_deadline_once()
    {
        var s = await Open();
        var booking = await Book(s, Village, TownDoor, 7, 0, "r1");
        var train = booking.Request.Train!;
        Assert.Equal(TrainConnectionKind.Feeder, train.Kind);
        Assert.Equal(("Up8", "S"), (train.TripId, train.StopId));
        var deadline = booking.Offer!.LatestArrival!.Value;

        var overlay = Overlay(s.Tt, "Up8", "S", departureDelay: 420);
        var updates = await s.Keeper.ApplyAsync(overlay).WaitAsync(Limit);
        var u = Assert.Single(updates);
        Assert.Equal(ConnectionOutcomeKind.DeadlineRelaxed, u.Outcome.Kind);
        var after = (await s.Engine.GetBookingAsync(CallerIdentity.Rider("r1"), booking.Id)).Value!.Booking;
        Assert.Equal(deadline.AddMinutes(7), after.Offer!.LatestArrival);
        Assert.Equal(BookingStatus.Confirmed, after.Status);
        Assert.Contains("leaves 7 min late", after.Notice);
        // The same feed again changes nothing.
        Assert.Empty(await s.Keeper.ApplyAsync(overlay).WaitAsync(Limit));
    }

    [Fact]
    public async Task A_late_arrival_moves_the_ride_home_window_and_the_watching_rider_is_told()
    {
        var s = await Open();
        var booking = await Book(s, TownDoor, Village, 8, 20, "r2");
        Assert.Equal(TrainConnectionKind.RideHome, booking.Request.Train!.Kind);
        var window = (booking.Offer!.PromisedPickupStart, booking.Offer.PromisedPickupEnd);

        using var cts = new CancellationTokenSource(Limit);
        var watch = await s.Engine.WatchBookingAsync(CallerIdentity.Rider("r2"), booking.Id, cts.Token);
        await using var views = watch.Value!.GetAsyncEnumerator(cts.Token);
        Assert.True(await views.MoveNextAsync());
        Assert.Null(views.Current.Booking.Notice);

        var updates = await s.Keeper.ApplyAsync(Overlay(s.Tt, "Down8", "S", arrivalDelay: 600)).WaitAsync(Limit);
        Assert.Equal(ConnectionOutcomeKind.PickupMoved, Assert.Single(updates).Outcome.Kind);
        Assert.True(await views.MoveNextAsync());
        var seen = views.Current;
        Assert.Equal(window.PromisedPickupStart.AddMinutes(10), seen.Booking.Offer!.PromisedPickupStart);
        Assert.Equal(window.PromisedPickupEnd.AddMinutes(10), seen.Booking.Offer.PromisedPickupEnd);
        Assert.Contains("arrives 10 min late", seen.Booking.Notice);
        Assert.Contains($"{seen.Booking.Offer.PromisedPickupStart:HH:mm}", seen.Booking.Notice);
        // The plan keeps the moved promise: the planned pickup lies inside the new window.
        Assert.NotNull(seen.EstimatedPickup);
        Assert.InRange(seen.EstimatedPickup!.Value, seen.Booking.Offer.PromisedPickupStart, seen.Booking.Offer.PromisedPickupEnd);
    }

    [Fact]
    public async Task A_cancelled_train_alerts_the_dispatcher_and_offers_the_next_train_with_a_new_feeder()
    {
        var s = await Open();
        var booking = await Book(s, Village, TownDoor, 7, 0, "r3");
        var updates = await s.Keeper.ApplyAsync(Overlay(s.Tt, "Up8", "S", cancelled: true)).WaitAsync(Limit);
        var u = Assert.Single(updates);
        Assert.Equal(ConnectionOutcomeKind.Broken, u.Outcome.Kind);
        Assert.Contains("RB 09:00", u.Offered ?? "");

        var after = (await s.Engine.GetBookingAsync(CallerIdentity.Rider("r3"), booking.Id)).Value!.Booking;
        Assert.Equal(BookingStatus.Disrupted, after.Status);
        Assert.Contains("is cancelled", after.Notice);
        Assert.Contains("Offered instead: RB 09:00", after.Notice);
        var alerts = (await s.Engine.GetAlertsAsync(CallerIdentity.Dispatcher(), DateTimeOffset.MinValue)).Value!;
        Assert.Contains(alerts, a => a.Kind == DispatchAlertKind.ConnectionBroken && a.BookingId == booking.Id);
        // The replacement is a real itinerary on the next train, held for the rider, whose feeder can be booked.
        var (rider, replacement) = Assert.Single(s.Held);
        Assert.Equal("r3", rider);
        Assert.Equal("Up9", replacement.Legs.First(l => l.Mode == LegMode.Rail).TripId);
        var (ids, error) = await s.Planner.ConfirmAsync("r3", replacement);
        Assert.Null(error);
        Assert.Single(ids);
        // Planning now skips the cancelled train.
        var plan = await s.Planner.PlanAsync(new JourneyRequest(Village, TownDoor, s.Clock.ToInstant(Day, 7 * 3600), RiderId: "r4"));
        Assert.DoesNotContain(plan.Itineraries, i => i.Legs.Any(l => l.TripId == "Up8"));
    }

    [Fact]
    public async Task A_cancelled_arriving_train_offers_the_ride_home_after_the_next_one()
    {
        var s = await Open();
        var booking = await Book(s, TownDoor, Village, 8, 20, "r5");
        var u = Assert.Single(await s.Keeper.ApplyAsync(Overlay(s.Tt, "Down8", "S", cancelled: true)).WaitAsync(Limit));
        Assert.Equal(ConnectionOutcomeKind.Broken, u.Outcome.Kind);
        Assert.Contains("after RB arriving", u.Offered ?? "");
        var after = (await s.Engine.GetBookingAsync(CallerIdentity.Rider("r5"), booking.Id)).Value!.Booking;
        Assert.Equal(BookingStatus.Disrupted, after.Status);
        Assert.Contains($"arriving {s.Clock.ToInstant(Day, 9 * 3600 + 50 * 60):HH:mm}", after.Notice);
    }

    [Fact]
    public async Task A_delay_no_vehicle_can_follow_is_never_dropped_silently()
    {
        // Shifts end at 10:00; the train arrives 08:50 + 90 min, after every shift.
        var s = await Open(shiftHours: 5);
        var booking = await Book(s, TownDoor, Village, 8, 20, "r6");
        var u = Assert.Single(await s.Keeper.ApplyAsync(Overlay(s.Tt, "Down8", "S", arrivalDelay: 90 * 60)).WaitAsync(Limit));
        Assert.Equal(ConnectionOutcomeKind.Broken, u.Outcome.Kind);
        Assert.Null(u.Offered);
        var after = (await s.Engine.GetBookingAsync(CallerIdentity.Rider("r6"), booking.Id)).Value!.Booking;
        Assert.Equal(BookingStatus.Disrupted, after.Status);
        Assert.Contains("the control room will contact you", after.Notice);
        var alerts = (await s.Engine.GetAlertsAsync(CallerIdentity.Dispatcher(), DateTimeOffset.MinValue)).Value!;
        Assert.Contains(alerts, a => a.Kind == DispatchAlertKind.ConnectionBroken && a.BookingId == booking.Id);
    }

    [Fact]
    public async Task Planning_anchors_the_feeder_to_the_real_departure_and_ties_the_booking_to_the_train()
    {
        var s = await Open();
        s.Planner.Delays = Overlay(s.Tt, "Up8", "S", departureDelay: 300);
        var plan = await s.Planner.PlanAsync(new JourneyRequest(Village, TownDoor, s.Clock.ToInstant(Day, 7 * 3600), RiderId: "r7"));
        var feeder = plan.Itineraries.First(i => i.HasOnDemandLeg).Legs[0];
        Assert.Equal(s.Clock.ToInstant(Day, 8 * 3600 + 300) - TimeSpan.FromMinutes(5), feeder.LatestDropoff);
        Assert.Equal(feeder.LatestDropoff, feeder.Offer!.LatestArrival);
    }

    [Fact]
    public async Task A_moved_promise_survives_a_restart_from_the_event_log()
    {
        var tt = Rail();
        var clock = ServiceClock.For(tt.TimeZone);
        var now = new FixedClock(clock.ToInstant(Day, 5 * 3600));
        var travel = new StraightLineTravelTimeService(40, 1.3);
        var store = new Dispatch.Persistence.InMemoryDispatchStore();
        var options = new DispatchOptions { ServiceArea = Area };
        var engine = await DispatchEngine.OpenAsync(options, travel, store, now, new Random(1));
        for (int i = 1; i <= 2; i++)
        {
            string id = $"bus-{i}";
            Assert.True((await engine.RegisterVehicleAsync(CallerIdentity.Dispatcher(), new VehicleRegistration(id,
                new Optimization.Model.LoadVector(8, 1, 0, 2), new GeoPoint(50.10, 11.55), now.Now, now.Now.AddHours(8)))).IsSuccess);
            await engine.StartShiftAsync(CallerIdentity.Driver(id), id);
        }
        var planner = new JourneyPlanner(tt, engine, travel);
        var keeper = new ConnectionKeeper(planner, engine, now);
        var s = new Setup(tt, planner, engine, clock, now, keeper, []);
        var booking = await Book(s, TownDoor, Village, 8, 20, "r8");
        Assert.Single(await keeper.ApplyAsync(Overlay(tt, "Down8", "S", arrivalDelay: 420)).WaitAsync(Limit));
        var live = (await engine.GetBookingAsync(CallerIdentity.Dispatcher(), booking.Id)).Value!;

        var reopened = await DispatchEngine.OpenAsync(options, travel, store, now, new Random(1));
        var replayed = (await reopened.GetBookingAsync(CallerIdentity.Dispatcher(), booking.Id)).Value!;
        Assert.Equal(live.Booking, replayed.Booking);
        Assert.Equal(TimeSpan.FromMinutes(7), replayed.Booking.TrainDelay);
        Assert.Equal(live.EstimatedPickup, replayed.EstimatedPickup);
        // The replayed engine still follows the train: the same delay again changes nothing.
        var again = await reopened.ApplyTrainStatusAsync(CallerIdentity.Dispatcher(), [new TrainStatus("Down8", Day, "S", TimeSpan.FromMinutes(7))]);
        Assert.Empty(again.Value!);
    }

    [Fact]
    public async Task Only_dispatchers_apply_train_status_and_bad_input_is_named()
    {
        var s = await Open(vehicles: 1);
        var rider = await s.Engine.ApplyTrainStatusAsync(CallerIdentity.Rider("r"), [new TrainStatus("Up8", Day, "S", TimeSpan.Zero)]);
        Assert.Equal(Dispatch.Results.DispatchErrorCode.PermissionDenied, rider.Error!.Code);
        var blank = await s.Engine.ApplyTrainStatusAsync(CallerIdentity.Dispatcher(), [new TrainStatus("", Day, "S", TimeSpan.Zero)]);
        Assert.Equal("statuses[0]", blank.Error!.Field);
    }
}
