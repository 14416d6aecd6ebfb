using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Integration;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>The console's replay route and the planners' read-only console, over HTTP on the dashboard endpoint.</summary>
public sealed class ConsoleReplayAndPlannerTests
{
    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString() ?? "";

    private static string Iso(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O"));

    private static bool Has(JsonElement state, string bookingId, string status) =>
        state.GetProperty("bookings").EnumerateArray().Any(b => b.GetProperty("id").GetString() == bookingId && b.GetProperty("status").GetString() == status);

    [Fact]
    public async Task Replay_shows_the_state_before_a_later_booking_and_cancellation()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var first = await Scenario.BookAsync(server, Scenario.Rider(server, "anna"), "rp-1");
        var afterFirst = server.Clock.GetUtcNow();
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await Scenario.BookAsync(server, Scenario.Rider(server, "ben"), "rp-2");
        server.Clock.Advance(TimeSpan.FromMinutes(10));
        await new DemandMobility.Contracts.V1.DispatcherService.DispatcherServiceClient(server.Channel).CancelBookingAsync(
            new DispatcherCancelBookingRequest { BookingId = first.BookingId, Reason = "rider called" }, DispatchTestServer.As(Scenario.Dispatcher(server)));

        var early = await host.GetJsonAsync("/dashboard/api/replay?at=" + Iso(afterFirst.AddMinutes(5)));
        var now = await host.GetJsonAsync("/dashboard/api/replay?at=" + Iso(server.Clock.GetUtcNow()));

        Assert.True(Has(early, first.BookingId, "confirmed"));
        Assert.DoesNotContain(early.GetProperty("bookings").EnumerateArray(), b => b.GetProperty("id").GetString() == second.BookingId);
        Assert.True(early.GetProperty("sequence").GetInt64() < now.GetProperty("sequence").GetInt64());
        Assert.Equal(now.GetProperty("sequence").GetInt64(), now.GetProperty("logSequence").GetInt64());
        Assert.True(Has(now, first.BookingId, "cancelled"));
        Assert.True(Has(now, second.BookingId, "confirmed"));
        Assert.Contains(early.GetProperty("vehicles").EnumerateArray(), v => v.GetProperty("id").GetString() == first.VehicleId
            && v.GetProperty("nextStops").EnumerateArray().Any(s => s.GetProperty("bookingId").GetString() == first.BookingId));

        using var bad = await host.GetAsync("/dashboard/api/replay?at=yesterday", Scenario.Dispatcher(server));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'at'", await ErrorOf(bad));
        using var badSequence = await host.GetAsync("/dashboard/api/replay?at=" + Iso(afterFirst) + "&sequence=-3", Scenario.Dispatcher(server));
        Assert.Equal(HttpStatusCode.BadRequest, badSequence.StatusCode);
        Assert.Contains("'sequence'", await ErrorOf(badSequence));
    }

    [Fact]
    public async Task Planners_read_the_console_but_every_action_route_refuses_them()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server), "pl-1");
        string planner = server.Token(Roles.Planner, "paula");
        foreach (var path in new[] { "/dashboard/api/snapshot", "/dashboard/api/network", "/dashboard/api/me",
                     "/dashboard/api/replay?at=" + Iso(server.Clock.GetUtcNow()), $"/dashboard/api/vehicles/{booking.VehicleId}/manifest" })
        {
            using var read = await host.GetAsync(path, planner);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"{path}: {(int)read.StatusCode} {await read.Content.ReadAsStringAsync()}");
        }
        using (var me = await host.GetAsync("/dashboard/api/me", planner))
        {
            var who = JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(("paula", "planner", false), (who.GetProperty("subject").GetString(), who.GetProperty("role").GetString(), who.GetProperty("canAct").GetBoolean()));
        }
        Assert.True((await host.GetJsonAsync("/dashboard/api/me")).GetProperty("canAct").GetBoolean());

        var actions = new (string Path, string Body)[]
        {
            ($"/v1/vehicles/{booking.VehicleId}:takeOutOfService", "{}"),
            ($"/v1/vehicles/{booking.VehicleId}:extendShift", "{\"until\":\"" + server.Clock.GetUtcNow().AddHours(11).ToString("O") + "\"}"),
            ($"/v1/control/bookings/{booking.BookingId}:cancel", "{\"reason\":\"test\"}"),
            ($"/v1/bookings/{booking.BookingId}:move", "{\"vehicleId\":\"bus-1\"}"),
            ("/v1/alerts:acknowledge", "{\"alertId\":\"x\"}"),
            ("/v1/quotes", "{}"),
        };
        foreach (var (path, body) in actions)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", planner);
            using var refused = await host.Http.SendAsync(request);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{path}: {(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
        }
        var still = await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, DispatchTestServer.As(Scenario.Dispatcher(server)));
        Assert.Equal((BookingStatus.Confirmed, booking.VehicleId), (still.Status, still.VehicleId));
    }
}
