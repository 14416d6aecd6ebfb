using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Dashboard;
using DemandMobility.Server.Tests.Integration;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Playwright;

namespace DemandMobility.Server.Tests.Browser;

/// <summary>The console's map (place and stop names, trails, vehicles at one place), the ad-hoc vehicle form, computed-alert acknowledgement, German texts and the keyboard, in real Chromium.</summary>
[Trait("Category", "Browser")]
public sealed class ConsoleMapBrowserTests
{
    private static async Task SignInAsync(BrowserSession browser, DashboardTestHost host, string subject = "control")
    {
        var page = browser.Page;
        await page.GotoAsync(new Uri(host.Server.DashboardAddress!, "/dashboard/").ToString());
        await page.Locator("#token").FillAsync(host.Server.Token(Roles.Dispatcher, subject));
        await page.Locator("#loginForm button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("live");
    }

    [ChromiumFact]
    public async Task The_map_names_places_and_stops_draws_trails_keeps_vehicles_apart_and_adds_an_ad_hoc_vehicle()
    {
        await using var host = await DashboardTestHost.StartAsync();
        var server = host.Server;
        var booking = await Scenario.BookAsync(server, Scenario.Rider(server), "map-1");
        await using var browser = await BrowserSession.StartAsync();
        await SignInAsync(browser, host);
        var page = browser.Page;

        // Place names: at the whole-region zoom the larger localities; zooming in adds smaller ones that did not fit.
        await Assertions.Expect(page.Locator("#placesLayer text[data-place]").First).ToBeAttachedAsync();
        const string Names = "() => [...document.querySelectorAll('#placesLayer text[data-place]')].map(e => e.getAttribute('data-place'))";
        var wide = await page.EvaluateAsync<string[]>(Names);
        Assert.True(wide.Length >= 3, $"{wide.Length} place names on the whole region");
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        for (int i = 0; i < 3; i++) await page.Mouse.WheelAsync(0, -250);
        await page.WaitForFunctionAsync(Names.Replace("() =>", "wide =>", StringComparison.Ordinal) + ".some(n => !wide.includes(n))", wide);
        var near = await page.EvaluateAsync<string[]>(Names);
        Assert.Contains(near, n => !wide.Contains(n));
        // Back to the whole region for the rest of the checks.
        for (int i = 0; i < 3; i++) await page.Mouse.WheelAsync(0, 250);

        // The default fleet stands at one depot: every bus marker is on its own spot.
        var spots = new HashSet<(int, int)>();
        foreach (var marker in await page.Locator("#vehiclesLayer [data-vehicle]").AllAsync())
        {
            var b = (await marker.BoundingBoxAsync())!;
            Assert.True(spots.Add(((int)Math.Round(b.X), (int)Math.Round(b.Y))), "two vehicle markers on the same spot");
        }
        Assert.True(spots.Count >= 6, $"{spots.Count} vehicle markers");

        // The booking row and the selected vehicle's next stops carry the stops' names.
        await Assertions.Expect(page.Locator($"#bookings td[title='{booking.BookingId}'] .names")).ToContainTextAsync(booking.Pickup.Name);
        await page.Locator("#fleet tbody tr", new PageLocatorOptions { HasText = booking.VehicleId }).ClickAsync();
        await Assertions.Expect(page.Locator("#stopsLayer [data-stop='1'] text.stopName")).ToContainTextAsync(booking.Pickup.Name);
        await Assertions.Expect(page.Locator("#manifestBody .stopLine").First).ToContainTextAsync(booking.Pickup.Name);

        // Two fixes along its route: the trail of the last minutes appears behind the vehicle.
        var route = DemandMobility.Routing.Geometry.Polyline.Decode((await host.GetJsonAsync($"/dashboard/api/vehicles/{booking.VehicleId}/route")).GetProperty("line").GetString()!);
        foreach (int i in new[] { 1, 2 })
        {
            server.Clock.Advance(TimeSpan.FromMinutes(1));
            using var report = server.Fleet.ReportPositions(DispatchTestServer.As(server.Token(Roles.Driver, "d1", booking.VehicleId)));
            var p = route[route.Count * i / 3];
            await report.RequestStream.WriteAsync(new PositionFix { VehicleId = booking.VehicleId, Lat = p.Lat, Lon = p.Lon, RecordedAt = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow()) });
            await report.RequestStream.CompleteAsync();
            Assert.Equal(1, (await report.ResponseAsync).Accepted);
        }
        await Assertions.Expect(page.Locator($"#trailsLayer polyline[data-trail='{booking.VehicleId}']")).ToHaveCountAsync(1);
        await browser.ScreenshotAsync("console-map");

        // An ad-hoc vehicle from the console: registered, in service, selected.
        await page.Locator("#addVehicle").ClickAsync();
        await page.Locator("#newVehicleId").FillAsync("taxi-7");
        await page.Locator("#newSeats").FillAsync("4");
        await page.Locator("#depotQuery").FillAsync("Neudrossenfeld");
        await page.Locator("#depotResults button").First.ClickAsync();
        await browser.ScreenshotAsync("console-add-vehicle");
        await page.Locator("#vehicleGo").ClickAsync();
        await Assertions.Expect(page.Locator("#vehicleDialog")).Not.ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#callbackCount")).ToContainTextAsync("taxi-7");
        await Assertions.Expect(page.Locator("#fleet tbody tr", new PageLocatorOptions { HasText = "taxi-7" })).ToContainTextAsync("idle");
        await Assertions.Expect(page.Locator("#vehiclesLayer [data-vehicle='taxi-7']")).ToHaveCountAsync(1);
        Assert.Empty(browser.Errors);
    }

    [ChromiumFact]
    public async Task A_computed_alert_is_acknowledged_and_German_covers_every_text_with_keyboard_dialogs()
    {
        await using var host = await DashboardTestHost.StartAsync();
        await Scenario.BookAsync(host.Server, Scenario.Rider(host.Server), "lang-1");
        // Past Dashboard:StaleFixAfter without fixes: every bus in service raises a computed no-fix alert.
        host.Server.Clock.Advance(TimeSpan.FromMinutes(3));
        await using var browser = await BrowserSession.StartAsync();
        await SignInAsync(browser, host, "anna");
        var page = browser.Page;

        var alert = page.Locator("#alerts li[data-alert^='computed/no-fix/']").First;
        string id = (await alert.GetAttributeAsync("data-alert"))!;
        await alert.Locator("button").ClickAsync();
        var acked = page.Locator($"#alerts li.acked[data-alert='{id}']");
        await Assertions.Expect(acked).ToContainTextAsync("acknowledged by anna");

        // Every text of the page in English, then in German: nothing may stay English (a few words are the same in both).
        const string Texts = """
            () => [...document.querySelectorAll('[data-i18n]')].map(e => e.textContent)
              .concat([...document.querySelectorAll('[data-i18n-title]')].map(e => e.title))
              .concat([...document.querySelectorAll('[data-i18n-aria]')].map(e => e.getAttribute('aria-label')))
              .concat([...document.querySelectorAll('.kpi .l, #fleet tbody td:nth-child(2), #bookings tbody td:first-child, #alertCount, #fleetCount, #bookingCount')].map(e => e.textContent))
            """;
        var english = await page.EvaluateAsync<string[]>(Texts);
        await page.Locator("#lang").ClickAsync();
        await Assertions.Expect(page.Locator("#phoneBooking")).ToHaveTextAsync("Telefonbuchung");
        var german = await page.EvaluateAsync<string[]>(Texts);
        string[] same = ["Live", "live", "Status", "Sprache / language"];
        var untranslated = german.Where(g => english.Contains(g) && !same.Contains(g) && g.Length > 0 && !g.Any(char.IsDigit)).Distinct().ToList();
        Assert.True(untranslated.Count == 0, "Still English in German: " + string.Join(" | ", untranslated));
        await Assertions.Expect(acked).ToContainTextAsync("quittiert von anna");
        // Alerts are worded by the page in German (the server's sentence is English).
        await Assertions.Expect(acked).ToContainTextAsync("ist im Dienst, ");
        await Assertions.Expect(acked).Not.ToContainTextAsync("is on shift");
        await Assertions.Expect(page.Locator(".kpi .l").First).ToHaveTextAsync("Fahrzeuge im Dienst");
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("Di.");

        // Keyboard: a fleet row opens its manifest with Enter; dialogs open with Enter and close with Escape.
        await page.Locator("#fleet tbody tr").First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#manifestTitle")).ToContainTextAsync("Fahrtenliste");
        foreach (var (button, dialog) in new[] { ("#addVehicle", "#vehicleDialog"), ("#phoneBooking", "#phoneDialog") })
        {
            await page.Locator(button).FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator(dialog)).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>("d => document.querySelector(d).contains(document.activeElement)", dialog), $"focus is not inside {dialog}");
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.Locator(dialog)).Not.ToBeVisibleAsync();
        }
        await browser.ScreenshotAsync("console-german");
        Assert.Empty(browser.Errors);
    }
}
