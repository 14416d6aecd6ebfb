using System.Diagnostics;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Dashboard;
using DemandMobility.Server.Tests.Integration;
using Microsoft.Playwright;

namespace DemandMobility.Server.Tests.Browser;

/// <summary>The dispatcher console in real Chromium against the real host on loopback.</summary>
[Trait("Category", "Browser")]
public sealed class ConsoleBrowserTests
{
    private static async Task SignInAsync(BrowserSession browser, DashboardTestHost host, string subject = "control", string role = Roles.Dispatcher)
    {
        var page = browser.Page;
        await page.GotoAsync(new Uri(host.Server.DashboardAddress!, "/dashboard/").ToString());
        await page.Locator("#token").FillAsync(host.Server.Token(role, subject));
        await page.Locator("#loginForm button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("live");
    }

    /// <summary>Two streets of Neudrossenfeld inside the default service area, at least 1 km apart (labels as the geocoder gives them).</summary>
    internal static async Task<(string From, string To)> TwoServedPlacesAsync(DispatchTestServer server)
    {
        var places = new DemandMobility.Contracts.V1.PlaceService.PlaceServiceClient(server.Channel);
        var found = await places.SearchPlacesAsync(new SearchPlacesRequest { Query = "Neudrossenfeld", MaxResults = 50 }, DispatchTestServer.As(Scenario.Dispatcher(server)));
        // The default region's service area: 11.49–11.60 E, 49.977–50.04 N (appsettings.json), with a margin.
        var inside = found.Places.Where(p => p.Position.Lon is > 11.493 and < 11.59 && p.Position.Lat is > 49.985 and < 50.03).ToList();
        foreach (var a in inside)
            foreach (var b in inside)
                if (Dispatch.Geo.GeoMath.HaversineMetres(new(a.Position.Lat, a.Position.Lon), new(b.Position.Lat, b.Position.Lon)) > 1000
                    && found.Places.Count(p => p.Label == a.Label) == 1 && found.Places.Count(p => p.Label == b.Label) == 1)
                    return (a.Label, b.Label);
        throw new InvalidOperationException("The geocoder found no two places of Neudrossenfeld 1 km apart in the service area: " + found);
    }

    [ChromiumFact]
    public async Task A_gRPC_booking_is_on_screen_within_one_second()
    {
        await using var host = await DashboardTestHost.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        await SignInAsync(browser, host);
        await Scenario.OfferAsync(host.Server, Scenario.Rider(host.Server, "warm"), "warm-up");

        var watch = Stopwatch.StartNew();
        var booking = await Scenario.BookAsync(host.Server, Scenario.Rider(host.Server, "alice"), "ui-1");
        var booked = watch.Elapsed;
        var row = browser.Page.Locator($"#bookings td[title='{booking.BookingId}']");
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
        var shown = watch.Elapsed - booked;
        Assert.True(shown < TimeSpan.FromSeconds(1), $"The booking appeared {shown.TotalMilliseconds:F0} ms after the gRPC call returned (budget 1000 ms).");
        await Assertions.Expect(browser.Page.Locator("#scaleText")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ (m|km)$"));
        // Selecting the vehicle draws its planned route along the roads.
        await browser.Page.Locator("#fleet tbody tr", new PageLocatorOptions { HasText = booking.VehicleId }).ClickAsync();
        await Assertions.Expect(browser.Page.Locator($"#roadRoute polyline[data-vehicle='{booking.VehicleId}']")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("console-live");
        Assert.Empty(browser.Errors);
    }

    [ChromiumFact]
    public async Task A_console_that_reconnects_resumes_with_Last_Event_ID_and_shows_what_it_missed()
    {
        await using var host = await DashboardTestHost.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        var resumedWith = new List<string>();
        browser.Page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/dashboard/api/stream", StringComparison.Ordinal) && request.Headers.TryGetValue("last-event-id", out var id))
                lock (resumedWith) resumedWith.Add(id);
        };
        await SignInAsync(browser, host);
        var first = await Scenario.BookAsync(host.Server, Scenario.Rider(host.Server, "alice"), "ui-r1");
        await browser.Page.Locator($"#bookings td[title='{first.BookingId}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });

        // "Change token" closes the stream; a booking is made meanwhile; signing in again opens it with the last event's id.
        await browser.Page.Locator("#logout").ClickAsync();
        var missed = await Scenario.BookAsync(host.Server, Scenario.Rider(host.Server, "bob"), "ui-r2");
        await browser.Page.Locator("#token").FillAsync(host.Server.Token(Roles.Dispatcher, "control"));
        await browser.Page.Locator("#loginForm button[type=submit]").ClickAsync();
        await browser.Page.Locator($"#bookings td[title='{missed.BookingId}']").WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
        await Assertions.Expect(browser.Page.Locator($"#bookings td[title='{first.BookingId}']")).ToHaveCountAsync(1);
        lock (resumedWith) Assert.Contains(resumedWith, id => System.Text.RegularExpressions.Regex.IsMatch(id, @"^[0-9a-f]+\.[0-9]+$"));
        Assert.Empty(browser.Errors);
    }

    [ChromiumFact]
    public async Task A_phone_booking_goes_from_place_search_to_a_confirmed_booking()
    {
        await using var host = await DashboardTestHost.StartAsync();
        await using var browser = await BrowserSession.StartAsync();
        await SignInAsync(browser, host);
        var page = browser.Page;

        await page.Locator("#phoneBooking").ClickAsync();
        await page.Locator("#callerName").FillAsync("Frau Huber");
        await page.Locator("#callerPhone").FillAsync("+49 921 555 0101");
        var (from, to) = await TwoServedPlacesAsync(host.Server);
        await page.Locator("#fromQuery").FillAsync(from);
        await page.Locator("#fromResults button", new PageLocatorOptions { HasTextString = from }).First.ClickAsync();
        await page.Locator("#toQuery").FillAsync(to);
        await page.Locator("#toResults button", new PageLocatorOptions { HasTextString = to }).First.ClickAsync();
        await browser.ScreenshotAsync("console-phone-search");
        await page.Locator("#quoteGo").ClickAsync();
        await page.WaitForFunctionAsync("() => !document.getElementById('offer').hidden || document.getElementById('phoneMsg').textContent");
        Assert.True(await page.Locator("#offer").IsVisibleAsync(), "No offer: " + await page.Locator("#phoneMsg").InnerTextAsync());
        await Assertions.Expect(page.Locator("#offer")).ToContainTextAsync("Pickup");
        await browser.ScreenshotAsync("console-phone-offer");
        await page.Locator("#confirmGo").ClickAsync();
        var booked = page.Locator("#booked");
        await Assertions.Expect(booked).ToContainTextAsync("Booked");
        string bookingId = (await booked.InnerTextAsync()).Split(':', 2)[1].Split('·')[0].Trim();

        var stored = await host.Server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = bookingId },
            DispatchTestServer.As(Scenario.Dispatcher(host.Server)));
        Assert.Equal(BookingStatus.Confirmed, stored.Status);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator($"#bookings td[title='{bookingId}']")).ToBeVisibleAsync();
        Assert.Empty(browser.Errors);
    }

    [ChromiumFact]
    public async Task A_breakdown_lists_the_unplaceable_booking_and_its_alert_is_acknowledged()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server), "ui-bd");
        var control = new DemandMobility.Contracts.V1.DispatcherService.DispatcherServiceClient(server.Channel);
        foreach (string other in new[] { "bus-1", "bus-2", "bus-3", "bus-4", "bus-5", "bus-6" }.Where(v => v != booking.VehicleId))
            await control.TakeVehicleOutOfServiceAsync(new TakeVehicleOutOfServiceRequest { VehicleId = other }, DispatchTestServer.As(Scenario.Dispatcher(server)));
        await using var browser = await BrowserSession.StartAsync();
        await SignInAsync(browser, host, "anna");
        var page = browser.Page;

        await page.Locator("#fleet tbody tr", new PageLocatorOptions { HasText = booking.VehicleId }).ClickAsync();
        await page.Locator("#breakdown").ClickAsync();
        await page.Locator("#breakdownGo").ClickAsync();
        var callBack = page.Locator($"#callbacks li[data-booking='{booking.BookingId}']");
        await Assertions.Expect(callBack).ToContainTextAsync("contact the rider");

        var alert = page.Locator("#engineAlerts li", new PageLocatorOptions { HasText = booking.BookingId }).First;
        await alert.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator("#engineAlerts li.acked", new PageLocatorOptions { HasText = booking.BookingId }).First)
            .ToContainTextAsync("acknowledged by anna");
        await browser.ScreenshotAsync("console-breakdown");
        Assert.Empty(browser.Errors);
    }

    [ChromiumFact]
    public async Task Replay_shows_an_earlier_state_and_returns_to_live()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var first = await Scenario.BookAsync(server, Scenario.Rider(server, "anna"), "ui-rp-1");
        server.Clock.Advance(TimeSpan.FromMinutes(30));
        var second = await Scenario.BookAsync(server, Scenario.Rider(server, "ben"), "ui-rp-2");
        await using var browser = await BrowserSession.StartAsync();
        await SignInAsync(browser, host);
        var page = browser.Page;
        var firstRow = page.Locator($"#bookings td[title='{first.BookingId}']");
        var secondRow = page.Locator($"#bookings td[title='{second.BookingId}']");
        await Assertions.Expect(secondRow).ToBeVisibleAsync();

        // 15 minutes back: after the first booking, before the second.
        await page.Locator("#replay").FillAsync("-15");
        await Assertions.Expect(page.Locator("body.replaying")).ToHaveCountAsync(1);
        await Assertions.Expect(secondRow).ToHaveCountAsync(0);
        await Assertions.Expect(firstRow).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#bookings button")).ToHaveCountAsync(0);
        await browser.ScreenshotAsync("console-replay");

        await page.Locator("#replayLive").ClickAsync();
        await Assertions.Expect(page.Locator("body.replaying")).ToHaveCountAsync(0);
        await Assertions.Expect(secondRow).ToBeVisibleAsync();
        Assert.Empty(browser.Errors);
    }

    [ChromiumFact]
    public async Task A_planner_sees_the_console_without_any_action()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var booking = await Scenario.BookAsync(host.Server, Scenario.Rider(host.Server), "ui-pl");
        await using var browser = await BrowserSession.StartAsync();
        await SignInAsync(browser, host, "paula", Roles.Planner);
        var page = browser.Page;

        await Assertions.Expect(page.Locator($"#bookings td[title='{booking.BookingId}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#role")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#phoneBooking")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#bookings button")).ToHaveCountAsync(0);
        await page.Locator("#fleet tbody tr", new PageLocatorOptions { HasText = booking.VehicleId }).ClickAsync();
        await Assertions.Expect(page.Locator("#manifest")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#breakdown")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#extendShift")).ToBeHiddenAsync();
        await browser.ScreenshotAsync("console-planner");
        Assert.Empty(browser.Errors);
    }
}
