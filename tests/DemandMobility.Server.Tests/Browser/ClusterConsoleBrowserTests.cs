using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Tests.Integration;
using DemandMobility.Server.Tests.Persistence;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DemandMobility.Server.Tests.Browser;

/// <summary>The dispatcher console of a server in cluster mode (two areas) in real Chromium: area outlines and the merged replay.</summary>
[Trait("Category", "Browser")]
[Collection(nameof(DemandMobility.Server.Tests.Planner.HangfireCollection))]
public sealed class ClusterConsoleBrowserTests
{
    [ChromiumFact]
    public async Task The_map_outlines_each_service_area_and_the_replay_folds_every_areas_log()
    {
        string connectionString = PostgresFactAttribute.ConnectionString ?? (PostgresFactAttribute.IsCi ? PostgresFactAttribute.RequireConnectionString() : "");
        if (connectionString.Length == 0) return; // no PostgreSQL here: the cluster cannot start (required under CI=true)
        string id = "cb" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        try
        {
            await using var node = await ClusterNode.StartAsync(dir.Path, connectionString, id, timeout.Token);
            await using var browser = await BrowserSession.StartAsync();
            var page = browser.Page;
            string dashboard = node.Services.GetRequiredService<BoundEndpoints>().DashboardAddress!;
            await page.GotoAsync(new Uri(new Uri(dashboard), "/dashboard/").ToString());
            await page.Locator("#token").FillAsync(node.Token(Roles.Dispatcher, "control"));
            await page.Locator("#loginForm button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("live");

            // Both areas of Cluster:Areas are outlined and named on the map.
            await Assertions.Expect(page.Locator("#area polygon[data-area='west']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#area polygon[data-area='east']")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#area text[data-area-label='east']")).ToHaveTextAsync("east");
            // Booked while the page is live (well within the minute the replay goes back).
            var dispatcher = DispatchTestServer.As(node.Token(Roles.Dispatcher, "ops"), timeout.Token);
            var now = DateTimeOffset.UtcNow;
            await node.Fleet.RegisterVehicleAsync(new RegisterVehicleRequest
            {
                VehicleId = "east.bus-b",
                Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 2, Luggage = 2 },
                Depot = new DemandMobility.Contracts.V1.GeoPoint { Lat = 49.983, Lon = 11.585 },
                Shift = new Shift { Start = Timestamp.FromDateTimeOffset(now.AddMinutes(-10)), End = Timestamp.FromDateTimeOffset(now.AddHours(8)) },
            }, dispatcher);
            await node.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = "east.bus-b" }, dispatcher);
            var rider = DispatchTestServer.As(node.Token(Roles.Rider, "anna"), timeout.Token);
            var quote = await node.Booking.RequestQuoteAsync(new RequestQuoteRequest
            {
                Origin = new DemandMobility.Contracts.V1.Location { Point = Scenario.Origin },
                Destination = new DemandMobility.Contracts.V1.Location { Point = Scenario.Destination },
                EarliestDeparture = Timestamp.FromDateTimeOffset(now.AddMinutes(30)),
                Passengers = 1,
                IdempotencyKey = "cb-1",
            }, rider);
            Assert.Equal(RequestQuoteResponse.ResultOneofCase.Offer, quote.ResultCase);
            var booking = await node.Booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = quote.Offer.OfferId, IdempotencyKey = "cb-c1" }, rider);

            var row = page.Locator($"#bookings td[title='{booking.BookingId}']");
            await Assertions.Expect(row).ToBeVisibleAsync();

            // A minute back every area's log is folded to before the booking (and the bus): the page shows that state.
            await page.Locator("#replay").FillAsync("-1");
            await Assertions.Expect(page.Locator("body.replaying")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("#replayAt")).ToContainTextAsync("Replay of");
            await Assertions.Expect(row).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#area polygon[data-area='east']")).ToHaveCountAsync(1);
            await browser.ScreenshotAsync("console-cluster-replay");

            await page.Locator("#replayLive").ClickAsync();
            await Assertions.Expect(page.Locator("body.replaying")).ToHaveCountAsync(0);
            await Assertions.Expect(row).ToBeVisibleAsync();
            Assert.Empty(browser.Errors);
        }
        finally
        {
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }
}
