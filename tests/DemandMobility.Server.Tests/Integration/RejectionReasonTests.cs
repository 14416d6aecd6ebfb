using DemandMobility.Contracts.V1;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>The engine's rejection reasons arrive as the booking proto's <see cref="RejectionReason"/>.</summary>
public sealed class RejectionReasonTests
{
    private static async Task<Rejection> RejectedAsync(DispatchTestServer server, RequestQuoteRequest request)
    {
        var response = await server.Booking.RequestQuoteAsync(request, DispatchTestServer.As(Scenario.Rider(server)));
        Assert.Equal(RequestQuoteResponse.ResultOneofCase.Rejection, response.ResultCase);
        Assert.False(string.IsNullOrWhiteSpace(response.Rejection.Message));
        return response.Rejection;
    }

    [Fact]
    public async Task Outside_the_area_and_outside_service_hours_are_told_apart()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);

        var munich = Scenario.Quote(server, "far");
        munich.Destination = new Location { Point = new GeoPoint { Lat = 48.1374, Lon = 11.5755 } };
        Assert.Equal(RejectionReason.OutsideServiceArea, (await RejectedAsync(server, munich)).Reason);

        // 03:00 local (Europe/Berlin, summer time) the next night: no default shift runs then.
        var night = Scenario.Quote(server, "night");
        night.EarliestDeparture = Timestamp.FromDateTimeOffset(new DateTimeOffset(2030, 6, 5, 1, 0, 0, TimeSpan.Zero));
        Assert.Equal(RejectionReason.OutsideServiceHours, (await RejectedAsync(server, night)).Reason);

        // Inside the area and the shifts the same trip gets an offer.
        var offer = await server.Booking.RequestQuoteAsync(Scenario.Quote(server, "ok"), DispatchTestServer.As(Scenario.Rider(server)));
        Assert.Equal(RequestQuoteResponse.ResultOneofCase.Offer, offer.ResultCase);
    }
}
