using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Server.Configuration;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>The default fleet's shifts recur daily up to the booking horizon (7 days by default).</summary>
public sealed class RecurringShiftTests
{
    /// <summary>10:00 Europe/Berlin (summer time) <paramref name="days"/> after the test server's default start day.</summary>
    private static DateTimeOffset LocalTen(int days) => DispatchTestServer.DefaultStart.AddDays(days);

    private static async Task<RequestQuoteResponse> QuoteAsync(DispatchTestServer server, DateTimeOffset departure, string key)
    {
        var request = Scenario.Quote(server, key);
        request.EarliestDeparture = Timestamp.FromDateTimeOffset(departure);
        return await server.Booking.RequestQuoteAsync(request, DispatchTestServer.As(Scenario.Rider(server)));
    }

    private static async Task<int> EventCountAsync(DispatchTestServer server)
    {
        int n = 0;
        await foreach (var _ in server.Services.GetRequiredService<IDispatchStore>().ReadAsync(0, CancellationToken.None)) n++;
        return n;
    }

    [Fact]
    public async Task Tomorrow_and_three_days_ahead_are_served_by_the_default_fleet_and_a_restart_adds_nothing()
    {
        using var dir = new TempDirectory();
        int events;
        await using (var server = await DispatchTestServer.StartAsync(dir.Path))
        {
            foreach (var (days, key) in new[] { (1, "tomorrow"), (3, "in-three-days") })
            {
                var response = await QuoteAsync(server, LocalTen(days), key);
                Assert.True(response.ResultCase == RequestQuoteResponse.ResultOneofCase.Offer, $"{key}: {response}");
            }
            events = await EventCountAsync(server);
        }

        await using var restarted = await DispatchTestServer.StartAsync(dir.Path);
        Assert.Equal(events, await EventCountAsync(restarted));
        // The restarted server still serves the later day from the stored calendar.
        var again = await QuoteAsync(restarted, LocalTen(3), "after-restart");
        Assert.True(again.ResultCase == RequestQuoteResponse.ResultOneofCase.Offer, again.ToString());
    }

    [Fact]
    public async Task After_midnight_the_horizon_moves_with_the_date()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        // Day 8 is beyond the 7-day calendar filled at start.
        server.Clock.Advance(TimeSpan.FromDays(2));
        var before = await QuoteAsync(server, LocalTen(8), "before");
        Assert.Equal(RejectionReason.OutsideServiceHours, before.Rejection.Reason);

        // What the hourly loop does on its next tick, after the fake clock crossed midnight twice.
        var s = server.Services;
        await DefaultFleetCalendar.ExtendAsync(s.GetRequiredService<DispatchEngine>(), s.GetRequiredService<IOptions<FleetOptions>>().Value,
            s.GetRequiredService<IOptions<RegionOptions>>().Value, s.GetRequiredService<IOptions<DemandMobility.Server.Configuration.DispatchOptions>>().Value.BookingHorizonDays,
            server.Clock.GetUtcNow(), CancellationToken.None);
        var after = await QuoteAsync(server, LocalTen(8), "after");
        Assert.True(after.ResultCase == RequestQuoteResponse.ResultOneofCase.Offer, after.ToString());
    }

    [Fact]
    public async Task A_server_started_after_the_day_s_shifts_ended_registers_the_fleet_for_the_next_day()
    {
        using var dir = new TempDirectory();
        // 21:30 Europe/Berlin: the 06:00–20:00 shifts of the default fleet are over, the 09:00–23:00 ones still run.
        var evening = new DateTimeOffset(2030, 6, 4, 19, 30, 0, TimeSpan.Zero);
        await using var server = await DispatchTestServer.StartAsync(dir.Path, now: evening);
        // 07:00 tomorrow: only the 06:00–20:00 vehicles are on shift then.
        var response = await QuoteAsync(server, LocalTen(1).AddHours(-3), "tomorrow-early-after-an-evening-start");
        Assert.True(response.ResultCase == RequestQuoteResponse.ResultOneofCase.Offer, response.ToString());
    }
}
