using System.Globalization;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Dashboard;
using DemandMobility.Server.Tests.Integration;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Playwright;

namespace DemandMobility.Server.Tests.Browser;

/// <summary>The rider web app (<c>/app/</c>) in real Chromium on a phone-sized viewport, against the real host.</summary>
[Trait("Category", "Browser")]
public sealed class RiderAppBrowserTests
{
    [ChromiumFact]
    public async Task A_rider_finds_places_books_follows_the_bus_and_cancels()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var (from, to) = await ConsoleBrowserTests.TwoServedPlacesAsync(server);
        await using var browser = await BrowserSession.StartAsync(phone: true);
        var page = browser.Page;
        await page.GotoAsync(new Uri(server.DashboardAddress!, "/app/#token=" + server.Token(Roles.Rider, "rosa")).ToString());

        await page.Locator("#fromQuery").FillAsync(from);
        await page.Locator("#fromResults button", new PageLocatorOptions { HasTextString = from }).First.ClickAsync();
        await page.Locator("#toQuery").FillAsync(to);
        await page.Locator("#toResults button", new PageLocatorOptions { HasTextString = to }).First.ClickAsync();
        // The host runs on a fixed engine clock: ask for 30 minutes after it, in the region's local time.
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var when = TimeZoneInfo.ConvertTime(server.Clock.GetUtcNow().AddMinutes(30), berlin);
        await page.Locator("#when").FillAsync(when.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await browser.ScreenshotAsync("rider-search");
        await page.Locator("#quoteGo").ClickAsync();
        await page.WaitForFunctionAsync("() => !document.getElementById('offer').hidden || document.getElementById('planMsg').textContent");
        Assert.True(await page.Locator("#offer").IsVisibleAsync(), "No offer: " + await page.Locator("#planMsg").InnerTextAsync());
        await Assertions.Expect(page.Locator("#offerWindow")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\d:\d\d–\d\d:\d\d$"));
        await Assertions.Expect(page.Locator("#offerPickup")).ToContainTextAsync(" m)");
        await browser.ScreenshotAsync("rider-offer");

        await page.Locator("#confirmGo").ClickAsync();
        await Assertions.Expect(page.Locator("#tripStatus")).ToHaveTextAsync("Gebucht");
        var bus = page.Locator("#busDot circle");
        await Assertions.Expect(bus).ToHaveCountAsync(1);
        string before = await bus.GetAttributeAsync("cx") + "," + await bus.GetAttributeAsync("cy");

        // The bus reports a new position: the map follows it.
        string bookingId = await page.EvaluateAsync<string>("() => sessionStorage.getItem('dm-rider-trip')");
        var booking = await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = bookingId }, DispatchTestServer.As(server.Token(Roles.Rider, "rosa")));
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var report = server.Fleet.ReportPositions(DispatchTestServer.As(server.Token(Roles.Driver, "d1", booking.VehicleId))))
        {
            await report.RequestStream.WriteAsync(new PositionFix
            {
                VehicleId = booking.VehicleId, Lat = booking.Pickup.Position.Lat + 0.004, Lon = booking.Pickup.Position.Lon,
                RecordedAt = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow()),
            });
            await report.RequestStream.CompleteAsync();
            Assert.Equal(1, (await report.ResponseAsync).Accepted);
        }
        await page.WaitForFunctionAsync("before => { const c = document.querySelector('#busDot circle'); return c && c.getAttribute('cx') + ',' + c.getAttribute('cy') !== before; }", before);
        // The map shows the region's roads around the trip (the server's road layer, no external tiles).
        await Assertions.Expect(page.Locator("#roadLayer path.road").First).ToBeAttachedAsync();
        Assert.True(await page.EvaluateAsync<int>("() => [...document.querySelectorAll('#roadLayer path.road')].reduce((n, p) => n + p.getAttribute('d').split('M').length - 1, 0)") > 20,
            "fewer than 20 roads drawn around the trip");
        await browser.ScreenshotAsync("rider-trip");
        // English and back: every text switches (a missing text is a console error, asserted below).
        await page.Locator("#lang").ClickAsync();
        await Assertions.Expect(page.Locator("#tripStatus")).ToHaveTextAsync("Booked");
        await Assertions.Expect(page.Locator("#cancelGo")).ToHaveTextAsync("Cancel trip");
        Assert.Equal("Map: bus, pickup and destination", await page.Locator("#map").GetAttributeAsync("aria-label"));
        await page.Locator("#lang").ClickAsync();
        await Assertions.Expect(page.Locator("#tripStatus")).ToHaveTextAsync("Gebucht");

        await page.Locator("#cancelGo").ClickAsync();
        await Assertions.Expect(page.Locator("#tripStatus")).ToHaveTextAsync("Storniert");
        Assert.Equal(BookingStatus.Cancelled, (await server.Booking.GetBookingAsync(new GetBookingRequest { BookingId = bookingId },
            DispatchTestServer.As(server.Token(Roles.Rider, "rosa")))).Status);
        Assert.Empty(browser.Errors);
    }
}
