using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// Requests a hostile client sends: malformed Timestamps and Durations, stale GPS fixes on a new stream, a second
/// confirmation of one offer, dates in year 1. Each is refused with a status naming the field, never UNKNOWN.
/// </summary>
public sealed class HostileInputTests
{
    private static RegisterVehicleRequest Bus9(DateTimeOffset now) => new()
    {
        VehicleId = "bus-9",
        Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 2, Luggage = 2 },
        Depot = new GeoPoint { Lat = 49.983, Lon = 11.585 },
        Shift = new Shift { Start = Timestamp.FromDateTimeOffset(now.AddHours(-1)), End = Timestamp.FromDateTimeOffset(now.AddHours(8)) },
    };

    [Theory]
    [InlineData(600, -1)]                 // negative nanos with positive seconds: Duration.ToTimeSpan throws
    [InlineData(-600, 5)]                 // positive nanos with negative seconds
    [InlineData(315_576_000_001, 0)]      // beyond the Duration range
    [InlineData(600, 1_000_000_000)]      // nanos out of range
    public async Task A_malformed_max_ride_time_is_invalid_argument_naming_the_field(long seconds, int nanos)
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var quote = Scenario.Quote(server, "ride");
        quote.MaxRideTime = new Duration { Seconds = seconds, Nanos = nanos };
        var error = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(quote, DispatchTestServer.As(Scenario.Rider(server))).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("max_ride_time", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, -1)]
    [InlineData(253_402_300_800, 0)]      // 10000-01-01
    [InlineData(-62_135_596_801, 0)]      // before 0001-01-01
    public async Task A_malformed_timestamp_is_invalid_argument_naming_the_field(long seconds, int nanos)
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var quote = Scenario.Quote(server, "time");
        quote.EarliestDeparture = new Timestamp { Seconds = seconds, Nanos = nanos };
        var error = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(quote, DispatchTestServer.As(Scenario.Rider(server))).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("earliest_departure", error.Status.Detail, StringComparison.Ordinal);
        var kpis = await Scenario.FailsAsync(() => server.Monitor.GetKpisAsync(new GetKpisRequest { From = new Timestamp { Seconds = seconds, Nanos = nanos },
            To = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow()) }, DispatchTestServer.As(Scenario.Dispatcher(server))).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, kpis.StatusCode);
        Assert.StartsWith("from", kpis.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreadable_fix_times_are_rejected_fixes_and_the_summary_still_arrives()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var now = server.Clock.GetUtcNow();
        var driver = await OnShiftAsync(server, now);
        using var report = server.Fleet.ReportPositions(DispatchTestServer.As(driver));
        await report.RequestStream.WriteAsync(Fix(49.9840, 11.5840, new Timestamp { Seconds = now.ToUnixTimeSeconds(), Nanos = -1 }));
        await report.RequestStream.WriteAsync(Fix(49.9840, 11.5840, new Timestamp { Seconds = 253_402_300_800 }));
        await report.RequestStream.WriteAsync(Fix(49.9845, 11.5830, Timestamp.FromDateTimeOffset(now.AddSeconds(-5))));
        await report.RequestStream.CompleteAsync();
        var summary = await report.ResponseAsync;
        Assert.Equal(1, summary.Accepted);
        Assert.Equal(2, summary.Rejected);
    }

    [Fact]
    public async Task A_fix_older_than_the_last_accepted_one_is_rejected_on_a_new_stream()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var now = server.Clock.GetUtcNow();
        var driver = await OnShiftAsync(server, now);
        Assert.Equal(1, (await ReportAsync(server, driver, Fix(49.9845, 11.5830, Timestamp.FromDateTimeOffset(now.AddSeconds(-5))))).Accepted);

        var stale = await ReportAsync(server, driver, Fix(49.9840, 11.5840, Timestamp.FromDateTimeOffset(now.AddHours(-2))));
        Assert.Equal(0, stale.Accepted);
        Assert.Equal(1, stale.Rejected);
        var fleet = server.Monitor.WatchFleet(new WatchFleetRequest { VehicleIds = { "bus-9" } }, DispatchTestServer.As(Scenario.Dispatcher(server)));
        Assert.True(await fleet.ResponseStream.MoveNext());
        Assert.Equal(11.5830, fleet.ResponseStream.Current.Position.Position.Lon, 4); // the bus did not move back
    }

    [Fact]
    public async Task Confirming_an_already_confirmed_offer_with_another_key_is_failed_precondition()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var rider = Scenario.Rider(server);
        var offer = await Scenario.OfferAsync(server, rider, "c-1");
        var booking = await server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = offer.OfferId, IdempotencyKey = "c-1" }, DispatchTestServer.As(rider));
        var retry = await server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = offer.OfferId, IdempotencyKey = "c-1" }, DispatchTestServer.As(rider));
        Assert.Equal(booking.BookingId, retry.BookingId); // the same request again: the same answer

        var other = await Scenario.FailsAsync(() => server.Booking.ConfirmOfferAsync(
            new ConfirmOfferRequest { OfferId = offer.OfferId, IdempotencyKey = "c-2" }, DispatchTestServer.As(rider)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, other.StatusCode);
        Assert.Contains(booking.BookingId, other.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shifts_and_planned_ends_in_year_1_are_invalid_argument()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var dispatcher = DispatchTestServer.As(Scenario.Dispatcher(server));
        var year1 = new DateTimeOffset(1, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var request = Bus9(server.Clock.GetUtcNow());
        request.Shift = new Shift { Start = Timestamp.FromDateTimeOffset(year1), End = Timestamp.FromDateTimeOffset(year1.AddHours(8)) };
        var register = await Scenario.FailsAsync(() => server.Fleet.RegisterVehicleAsync(request, dispatcher).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, register.StatusCode);
        Assert.StartsWith("shift", register.Status.Detail, StringComparison.Ordinal);

        var start = await Scenario.FailsAsync(() => server.Fleet.StartShiftAsync(
            new StartShiftRequest { VehicleId = "bus-1", PlannedEnd = Timestamp.FromDateTimeOffset(year1) }, dispatcher).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, start.StatusCode);
        Assert.StartsWith("planned_end", start.Status.Detail, StringComparison.Ordinal);
    }

    private static PositionFix Fix(double lat, double lon, Timestamp at) => new()
    {
        VehicleId = "bus-9", Lat = lat, Lon = lon, HeadingDeg = 90, SpeedMps = 8, RecordedAt = at,
    };

    private static async Task<string> OnShiftAsync(DispatchTestServer server, DateTimeOffset now)
    {
        await server.Fleet.RegisterVehicleAsync(Bus9(now), DispatchTestServer.As(Scenario.Dispatcher(server)));
        var driver = server.Token(Roles.Driver, "d-9", "bus-9");
        await server.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "bus-9" }, DispatchTestServer.As(driver));
        return driver;
    }

    private static async Task<ReportPositionsSummary> ReportAsync(DispatchTestServer server, string driver, PositionFix fix)
    {
        using var report = server.Fleet.ReportPositions(DispatchTestServer.As(driver));
        await report.RequestStream.WriteAsync(fix);
        await report.RequestStream.CompleteAsync();
        return await report.ResponseAsync;
    }
}
