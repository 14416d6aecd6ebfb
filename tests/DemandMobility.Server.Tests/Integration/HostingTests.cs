using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Grpc.Reflection.V1Alpha;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// What the one host offers besides the gRPC services themselves, through real HTTP on loopback: server reflection,
/// the standard health service, JSON transcoding and gRPC-Web on the dashboard's HTTP/1.1 endpoint.
/// </summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Reflection_lists_the_services_without_a_token()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var reflection = new ServerReflection.ServerReflectionClient(server.Channel);
        using var call = reflection.ServerReflectionInfo(DispatchTestServer.As(null));
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        foreach (var service in new[] { "demandmobility.v1.BookingService", "demandmobility.v1.ParcelService",
                     "demandmobility.v1.FleetService", "demandmobility.v1.MonitorService", "grpc.health.v1.Health" })
            Assert.Contains(service, names);
    }

    [Fact]
    public async Task The_standard_health_service_answers_serving()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var health = new Health.HealthClient(server.Channel);
        var reply = await health.CheckAsync(new HealthCheckRequest { Service = "" }, DispatchTestServer.As(null));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task GetBooking_is_served_as_json_over_http_1_1_with_the_same_rules()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var alice = Scenario.Rider(server, "alice");
        var booking = await Scenario.BookAsync(server, alice, "json-1");
        using var http = new HttpClient { BaseAddress = server.DashboardAddress, Timeout = TimeSpan.FromSeconds(30) };

        // As curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:5080/v1/bookings/ID would ask.
        using var ok = await GetAsync(http, $"/v1/bookings/{booking.BookingId}", alice);
        string body = await ok.Content.ReadAsStringAsync();
        Assert.True(ok.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal(HttpVersion.Version11, ok.Version);
        Assert.Equal("application/json", ok.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(booking.BookingId, json.RootElement.GetProperty("bookingId").GetString());
        Assert.Equal("alice", json.RootElement.GetProperty("riderId").GetString());
        Assert.Equal("BOOKING_STATUS_CONFIRMED", json.RootElement.GetProperty("status").GetString());

        using var anonymous = await GetAsync(http, $"/v1/bookings/{booking.BookingId}", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var bob = await GetAsync(http, $"/v1/bookings/{booking.BookingId}", Scenario.Rider(server, "bob"));
        Assert.Equal(HttpStatusCode.NotFound, bob.StatusCode);
        using var shop = await GetAsync(http, $"/v1/bookings/{booking.BookingId}", server.Token(Roles.Shop, "hofladen"));
        Assert.Equal(HttpStatusCode.Forbidden, shop.StatusCode);
    }

    [Fact]
    public async Task Browsers_reach_the_api_through_grpc_web_on_the_http_1_1_endpoint()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var alice = Scenario.Rider(server, "alice");
        var booking = await Scenario.BookAsync(server, alice, "web-1");
        using var handler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler());
        using var channel = GrpcChannel.ForAddress(server.DashboardAddress!, new GrpcChannelOptions
        {
            HttpHandler = handler,
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var bookings = new BookingService.BookingServiceClient(channel);

        var read = await bookings.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(alice));
        Assert.Equal("alice", read.RiderId);
        var refused = await Scenario.FailsAsync(() => bookings.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId },
            DispatchTestServer.As(null)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Contains("bearer token", refused.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Refusals_name_the_reason_as_a_grpc_status()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var shop = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(Scenario.Quote(server, "k"),
            DispatchTestServer.As(server.Token(Roles.Shop, "hofladen"))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, shop.StatusCode);
        Assert.Equal("Role 'shop' may not call RequestQuote; allowed: 'rider', 'dispatcher'.", shop.Status.Detail);
        var driver = await Scenario.FailsAsync(() => server.Fleet.RegisterVehicleAsync(new RegisterVehicleRequest { VehicleId = "bus-x" },
            DispatchTestServer.As(server.Token(Roles.Driver, "d", "bus-1"))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, driver.StatusCode);
        Assert.Contains("RegisterVehicle", driver.Status.Detail, StringComparison.Ordinal);
        foreach (var (header, expected) in new[] { ("Basic YWxpY2U6c2VjcmV0", "not a Bearer token"), ("Bearer not-a-jwt", "malformed") })
        {
            var headers = new Metadata { { "authorization", header } };
            var error = await Scenario.FailsAsync(() => server.Booking.RequestQuoteAsync(Scenario.Quote(server, "k"),
                new CallOptions(headers, DateTime.UtcNow.AddSeconds(30))).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
            Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }
}
