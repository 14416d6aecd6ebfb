using System.Text.RegularExpressions;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Transit.Realtime.Proto;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// GTFS-Realtime through the real host: the server polls a TripUpdates file; a late train moves the ride home's pickup
/// window and the watching rider sees the notice over gRPC; a cancelled train ends the booking with the ride after the
/// next train offered, which the rider can confirm.
/// </summary>
public sealed partial class RealtimeConnectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 5, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private static void WriteFeed(string path, string tripId, string stopId, int? arrivalDelay, bool cancelled = false)
    {
        var update = new TripUpdate { Trip = new TripDescriptor { TripId = tripId, StartDate = "20261208" } };
        if (cancelled) update.Trip.ScheduleRelationship = TripDescriptor.Types.ScheduleRelationship.Canceled;
        else update.StopTimeUpdate.Add(new TripUpdate.Types.StopTimeUpdate
        {
            StopId = stopId,
            Arrival = new TripUpdate.Types.StopTimeEvent { Delay = arrivalDelay ?? 0 },
        });
        var message = new FeedMessage { Header = new FeedHeader { GtfsRealtimeVersion = "2.0" } };
        message.Entity.Add(new FeedEntity { Id = "1", TripUpdate = update });
        // Written aside and renamed, as a feed mirror would: the poller never reads half a message.
        File.WriteAllBytes(path + ".tmp", message.ToByteArray());
        File.Move(path + ".tmp", path, overwrite: true);
    }

    [Fact]
    public async Task A_late_train_moves_the_ride_home_and_a_cancelled_one_is_replaced_by_the_next()
    {
        using var dir = new TempDirectory();
        string feed = Path.Combine(dir.Path, "trip-updates.pb");
        await using var server = await DispatchTestServer.StartAsync(Path.Combine(dir.Path, "data"), new Dictionary<string, string?>
        {
            ["Transit:RealtimeFeed"] = feed,
            ["Transit:RealtimeInterval"] = "00:00:01",
        }, now: Now);
        var journeys = new JourneyService.JourneyServiceClient(server.Channel);
        string alice = server.Token(Roles.Rider, "alice");

        // Bayreuth → a village west of the line: train, then the on-demand bus home.
        var plan = await journeys.PlanJourneyAsync(new PlanJourneyRequest
        {
            From = new global::DemandMobility.Contracts.V1.GeoPoint { Lat = 49.9480, Lon = 11.5760 },
            To = new global::DemandMobility.Contracts.V1.GeoPoint { Lat = 50.0136, Lon = 11.5120 },
            Time = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 8, 7, 0, 0, TimeSpan.FromHours(1))),
        }, DispatchTestServer.As(alice));
        var itinerary = plan.Itineraries.First(i => i.Legs.Count > 1 && i.Legs[^1].Mode == LegMode.OnDemand && i.Legs.Any(l => l.Mode == LegMode.Rail));
        var train = itinerary.Legs.Last(l => l.Mode == LegMode.Rail);
        var confirmed = await journeys.ConfirmJourneyAsync(new ConfirmJourneyRequest { ItineraryId = itinerary.ItineraryId }, DispatchTestServer.As(alice));
        string bookingId = confirmed.BookingIds.Single();

        using var cts = new CancellationTokenSource(Limit);
        using var watch = server.Booking.WatchBooking(new WatchBookingRequest { BookingId = bookingId }, DispatchTestServer.As(alice, cts.Token));
        Assert.True(await watch.ResponseStream.MoveNext());
        var before = watch.ResponseStream.Current.Booking;
        Assert.Equal("", before.Notice);

        WriteFeed(feed, train.TripId, train.To.StopId, arrivalDelay: 8 * 60);
        Booking moved;
        do
        {
            Assert.True(await watch.ResponseStream.MoveNext());
            moved = watch.ResponseStream.Current.Booking;
        }
        while (moved.Notice == "");
        Assert.Contains("arrives 8 min late", moved.Notice);
        Assert.Equal(before.PromisedPickup.Start.ToDateTimeOffset().AddMinutes(8), moved.PromisedPickup.Start.ToDateTimeOffset());
        Assert.Equal(BookingStatus.Confirmed, moved.Status);

        WriteFeed(feed, train.TripId, train.To.StopId, arrivalDelay: null, cancelled: true);
        Booking ended;
        do
        {
            Assert.True(await watch.ResponseStream.MoveNext());
            ended = watch.ResponseStream.Current.Booking;
        }
        while (ended.Status == BookingStatus.Confirmed);
        Assert.Equal(BookingStatus.Disrupted, ended.Status);
        Assert.Contains("is cancelled", ended.Notice);
        var offerId = OfferId().Match(ended.Notice);
        Assert.True(offerId.Success, ended.Notice);
        var replacement = await server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = offerId.Groups[1].Value, IdempotencyKey = "replacement-1" }, DispatchTestServer.As(alice));
        Assert.Equal(BookingStatus.Confirmed, replacement.Status);
        Assert.True(replacement.PromisedPickup.Start.ToDateTimeOffset() > moved.PromisedPickup.Start.ToDateTimeOffset());
    }

    [Fact]
    public async Task A_malformed_realtime_setting_stops_the_host_naming_it()
    {
        using var dir = new TempDirectory();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => DispatchTestServer.StartAsync(dir.Path, new Dictionary<string, string?>
        {
            ["Transit:RealtimeFeed"] = "ftp://example.org/feed.pb",
        }, now: Now));
        Assert.Contains("Transit:RealtimeFeed", e.Message);
    }

    [GeneratedRegex(@"offer ([0-9a-f-]{36})")]
    private static partial Regex OfferId();
}
