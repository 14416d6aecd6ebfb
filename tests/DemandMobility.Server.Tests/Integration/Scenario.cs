using DemandMobility.Contracts.V1;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>Requests and call sequences shared by the integration tests.</summary>
internal static class Scenario
{
    /// <summary>Near the default depot (Bindlach side of the service area).</summary>
    public static readonly GeoPoint Origin = new() { Lat = 49.9852, Lon = 11.5790 };

    /// <summary>Towards Neudrossenfeld, a few kilometres away.</summary>
    public static readonly GeoPoint Destination = new() { Lat = 50.0130, Lon = 11.5200 };

    public static RequestQuoteRequest Quote(DispatchTestServer server, string key, int passengers = 1) => new()
    {
        Origin = new Location { Point = Origin },
        Destination = new Location { Point = Destination },
        EarliestDeparture = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow().AddMinutes(30)),
        Passengers = passengers,
        IdempotencyKey = key,
    };

    public static async Task<Offer> OfferAsync(DispatchTestServer server, string token, string key)
    {
        var response = await server.Booking.RequestQuoteAsync(Quote(server, key), DispatchTestServer.As(token));
        Assert.True(response.ResultCase == RequestQuoteResponse.ResultOneofCase.Offer, $"expected an offer, got {response}");
        return response.Offer;
    }

    public static async Task<Booking> BookAsync(DispatchTestServer server, string token, string key)
    {
        var offer = await OfferAsync(server, token, key);
        return await server.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = offer.OfferId, IdempotencyKey = key }, DispatchTestServer.As(token));
    }

    public static string Rider(DispatchTestServer server, string name = "alice") => server.Token(Roles.Rider, name);

    public static string Dispatcher(DispatchTestServer server) => server.Token(Roles.Dispatcher, "control");

    public static async Task<RpcException> FailsAsync(Func<Task> call)
    {
        return await Assert.ThrowsAsync<RpcException>(call);
    }
}
