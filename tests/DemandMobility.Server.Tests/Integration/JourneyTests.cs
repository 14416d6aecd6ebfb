using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// JourneyService through real gRPC on the embedded region and its illustrative feed: a village → Bayreuth journey
/// with the on-demand bus as feeder to the train, booked as one chain; errors for bad input and a missing timetable.
/// </summary>
public sealed class JourneyTests
{
    // A Tuesday in the illustrative feed's calendar; 06:00 local, an hour before the rider wants to leave.
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LeaveAt = new(2026, 12, 8, 7, 0, 0, TimeSpan.FromHours(1));

    // A village west of the rail line inside the service area, and Bayreuth (outside it, reached by train).
    private static PlanJourneyRequest VillageToBayreuth() => new()
    {
        From = new GeoPoint { Lat = 50.0136, Lon = 11.5120 },
        To = new GeoPoint { Lat = 49.9480, Lon = 11.5760 },
        Time = Timestamp.FromDateTimeOffset(LeaveAt),
    };

    [Fact]
    public async Task A_village_to_Bayreuth_journey_feeds_the_train_and_is_booked_as_one_chain()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, now: Now);
        var journeys = new JourneyService.JourneyServiceClient(server.Channel);
        string alice = server.Token(Roles.Rider, "alice");

        var plan = await journeys.PlanJourneyAsync(VillageToBayreuth(), DispatchTestServer.As(alice));
        var itinerary = plan.Itineraries.FirstOrDefault(i =>
            i.Legs.Any(l => l.Mode == LegMode.OnDemand) && i.Legs.Any(l => l.Mode == LegMode.Rail));
        Assert.True(itinerary is not null, "no on-demand → rail itinerary; notes: " + string.Join("; ", plan.Notes));
        var feeder = itinerary.Legs.First(l => l.Mode == LegMode.OnDemand);
        var train = itinerary.Legs.First(l => l.Mode == LegMode.Rail);
        Assert.True(itinerary.Legs.IndexOf(feeder) < itinerary.Legs.IndexOf(train));
        Assert.NotEmpty(feeder.OfferId);
        Assert.NotNull(feeder.LatestDropoff);
        Assert.NotEmpty(train.RouteName);
        Assert.NotEmpty(train.Headsign);
        Assert.NotEmpty(train.From.StopId);
        // The guarantee: the feeder arrives by its hard latest drop-off, which lies before the train leaves.
        Assert.True(feeder.Arrival.ToDateTimeOffset() <= feeder.LatestDropoff.ToDateTimeOffset());
        Assert.True(feeder.LatestDropoff.ToDateTimeOffset() < train.Departure.ToDateTimeOffset());
        Assert.True(feeder.Departure.ToDateTimeOffset() >= LeaveAt);
        Assert.Equal(itinerary.Legs[0].Departure, itinerary.Departure);
        Assert.Equal(itinerary.Legs[^1].Arrival, itinerary.Arrival);
        Assert.True(itinerary.ExpiresAt.ToDateTimeOffset() > Now);

        var confirmed = await journeys.ConfirmJourneyAsync(new ConfirmJourneyRequest { ItineraryId = itinerary.ItineraryId }, DispatchTestServer.As(alice));
        Assert.Equal(itinerary.Legs.Count(l => l.Mode == LegMode.OnDemand), confirmed.BookingIds.Count);
        var booking = await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = confirmed.BookingIds[0] }, DispatchTestServer.As(alice));
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal("alice", booking.RiderId);
        Assert.True(booking.PredictedDropoff.ToDateTimeOffset() <= feeder.LatestDropoff.ToDateTimeOffset());

        // A retry returns the same bookings; another rider cannot see or book the itinerary.
        var retry = await journeys.ConfirmJourneyAsync(new ConfirmJourneyRequest { ItineraryId = itinerary.ItineraryId }, DispatchTestServer.As(alice));
        Assert.Equal(confirmed.BookingIds, retry.BookingIds);
        var bob = server.Token(Roles.Rider, "bob");
        var foreign = await Assert.ThrowsAsync<RpcException>(() => journeys.ConfirmJourneyAsync(
            new ConfirmJourneyRequest { ItineraryId = itinerary.ItineraryId }, DispatchTestServer.As(bob)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_rejected_naming_the_field_and_only_riders_and_dispatchers_may_call()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, now: Now);
        var journeys = new JourneyService.JourneyServiceClient(server.Channel);
        string alice = server.Token(Roles.Rider, "alice");

        async Task<RpcException> Fails(PlanJourneyRequest request, string? token) =>
            await Assert.ThrowsAsync<RpcException>(() => journeys.PlanJourneyAsync(request, DispatchTestServer.As(token)).ResponseAsync);

        var noFrom = VillageToBayreuth();
        noFrom.From = null;
        var e = await Fails(noFrom, alice);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("from", e.Status.Detail);

        var badLat = VillageToBayreuth();
        badLat.To.Lat = double.NaN;
        e = await Fails(badLat, alice);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("to.lat", e.Status.Detail);

        var badTime = VillageToBayreuth();
        badTime.Time = new Timestamp { Seconds = 0, Nanos = -1 };
        e = await Fails(badTime, alice);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("time", e.Status.Detail);

        var noTime = VillageToBayreuth();
        noTime.Time = null;
        e = await Fails(noTime, alice);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith("time", e.Status.Detail);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => journeys.ConfirmJourneyAsync(
            new ConfirmJourneyRequest { ItineraryId = "j-unknown" }, DispatchTestServer.As(alice)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        Assert.Equal(StatusCode.Unauthenticated, (await Fails(VillageToBayreuth(), null)).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Fails(VillageToBayreuth(), server.Token(Roles.Shop, "shop"))).StatusCode);
        var byDispatcher = await journeys.PlanJourneyAsync(VillageToBayreuth(), DispatchTestServer.As(server.Token(Roles.Dispatcher, "control")));
        Assert.NotEmpty(byDispatcher.Itineraries);
    }

    [Theory]
    [InlineData("Transit:Enabled", "false")]
    [InlineData("Transit:Feed", "routing-data/transit/no-such-feed")]
    public async Task Without_a_timetable_the_service_answers_failed_precondition_and_the_host_keeps_running(string key, string value)
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path, new Dictionary<string, string?> { [key] = value }, now: Now);
        var journeys = new JourneyService.JourneyServiceClient(server.Channel);
        string alice = server.Token(Roles.Rider, "alice");

        var e = await Assert.ThrowsAsync<RpcException>(() => journeys.PlanJourneyAsync(VillageToBayreuth(), DispatchTestServer.As(alice)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("no timetable configured", e.Status.Detail);
        e = await Assert.ThrowsAsync<RpcException>(() => journeys.ConfirmJourneyAsync(
            new ConfirmJourneyRequest { ItineraryId = "j-1" }, DispatchTestServer.As(alice)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);

        var offer = await Scenario.OfferAsync(server, alice, "still-served");
        Assert.NotEmpty(offer.OfferId);
    }

    [Fact]
    public async Task A_malformed_feed_leaves_the_host_running_without_journeys()
    {
        using var dir = new TempDirectory();
        string feed = Path.Combine(dir.Path, "bad-feed");
        Directory.CreateDirectory(feed);
        await File.WriteAllTextAsync(Path.Combine(feed, "agency.txt"), "agency_id,agency_name,agency_url,agency_timezone\nA,Bus,https://example.org,Europe/Berlin\n");
        await File.WriteAllTextAsync(Path.Combine(feed, "stops.txt"), "stop_id,stop_name,stop_lat,stop_lon\nS1,Somewhere,not-a-latitude,11.5\n");
        await using var server = await DispatchTestServer.StartAsync(Path.Combine(dir.Path, "data"),
            new Dictionary<string, string?> { ["Transit:Feed"] = feed }, now: Now);
        var journeys = new JourneyService.JourneyServiceClient(server.Channel);
        string alice = server.Token(Roles.Rider, "alice");

        var e = await Assert.ThrowsAsync<RpcException>(() => journeys.PlanJourneyAsync(VillageToBayreuth(), DispatchTestServer.As(alice)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal("no timetable configured", e.Status.Detail);
        Assert.False(File.Exists(feed + ".dmt"));
        Assert.NotEmpty((await Scenario.OfferAsync(server, alice, "still-served")).OfferId);
    }
}
