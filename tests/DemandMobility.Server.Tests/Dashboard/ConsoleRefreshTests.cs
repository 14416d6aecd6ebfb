using DemandMobility.Dispatch.Domain;
using DemandMobility.Routing.Graph;
using DemandMobility.Server.Dashboard;
using DemandMobility.Server.Tests.Integration;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>
/// What the push feed's builder reads between two frames (<see cref="DashboardSnapshotBuilder.NextAsync"/>), against a
/// scripted source: the clock refresh reads the fleet and only the open bookings of vehicles whose stops' forecasts
/// moved, not every open booking; an area that could not say what changed is read again alone; an
/// offer expires on screen with the clock, without a read. What is shown is the same as after a full read.
/// </summary>
public sealed class ConsoleRefreshTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static DashboardSnapshotBuilder Builder(ScriptedConsoleSource source, ManualClock clock) =>
        new(source, new BookingLedger(source), clock, new DashboardSettings("http://127.0.0.1:0", TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(2),
            TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(30), RoadClass.Tertiary, "Test", Berlin), new VehicleTrails());

    /// <summary>Two buses in two areas, two confirmed bookings on the east bus and one on the west bus, fixes fresh.</summary>
    private static ScriptedConsoleSource TwoAreas()
    {
        var source = new ScriptedConsoleSource();
        source.PutVehicle("east.bus-1", Start.AddMinutes(20), Start);
        source.PutVehicle("west.bus-2", Start.AddMinutes(30), Start);
        source.PutBooking("east.b1", "east.bus-1", BookingStatus.Confirmed, Start.AddMinutes(20), Start);
        source.PutBooking("east.b2", "east.bus-1", BookingStatus.Confirmed, Start.AddMinutes(40), Start);
        source.PutBooking("west.b3", "west.bus-2", BookingStatus.Confirmed, Start.AddMinutes(30), Start);
        return source;
    }

    [Fact]
    public async Task A_clock_refresh_reads_only_the_bookings_of_the_vehicle_whose_forecast_moved()
    {
        var source = TwoAreas();
        var clock = new ManualClock(Start);
        var builder = Builder(source, clock);
        var (cards, first) = await builder.NextAsync(null, clock: true, CancellationToken.None);
        Assert.Equal(["east.b1", "east.b2", "west.b3"], source.BookingReads.Single().Order(StringComparer.Ordinal));
        Assert.Equal(3, first.Bookings.Count);
        var west = cards.Bookings["west.b3"];

        // The east bus is running five minutes late with the clock alone (no engine change).
        source.NextChanges = ScriptedConsoleSource.Nothing();
        source.PutVehicle("east.bus-1", Start.AddMinutes(25), Start, delay: 300);
        source.PutBooking("east.b1", "east.bus-1", BookingStatus.Confirmed, Start.AddMinutes(20), Start, estimated: Start.AddMinutes(25));
        clock.Advance(TimeSpan.FromSeconds(3));
        var (same, next) = await builder.NextAsync(cards, clock: true, CancellationToken.None);

        Assert.Same(cards, same);
        Assert.Equal(["east.b1", "east.b2"], source.BookingReads[^1].Order(StringComparer.Ordinal));
        Assert.Equal(Start.AddMinutes(25), next.Bookings.Single(b => b.Id == "east.b1").EstimatedPickup);
        Assert.Same(west, same.Bookings["west.b3"]);
        Assert.Equal(300, next.Vehicles.Single(v => v.Id == "east.bus-1").DelaySeconds);

        // Nothing moved: the next clock refresh reads the fleet and no booking at all.
        int reads = source.BookingReads.Count;
        clock.Advance(TimeSpan.FromSeconds(3));
        await builder.NextAsync(cards, clock: true, CancellationToken.None);
        Assert.Equal(reads, source.BookingReads.Count);
    }

    [Fact]
    public async Task A_bus_waiting_for_a_pickup_window_arrives_later_on_screen_without_its_bookings_being_read()
    {
        var source = TwoAreas();
        var clock = new ManualClock(Start);
        var builder = Builder(source, clock);
        var (cards, _) = await builder.NextAsync(null, clock: true, CancellationToken.None);

        // Its fix is stale: the forecast drives from it now, so it arrives later, but it still leaves when the window opens.
        clock.Advance(TimeSpan.FromMinutes(3));
        source.PutVehicle("west.bus-2", Start.AddMinutes(30).AddSeconds(30), Start, departure: Start.AddMinutes(31));
        source.NextChanges = ScriptedConsoleSource.Nothing();
        int reads = source.BookingReads.Count;
        var (_, next) = await builder.NextAsync(cards, clock: true, CancellationToken.None);
        Assert.Equal(reads, source.BookingReads.Count);
        var bus = next.Vehicles.Single(v => v.Id == "west.bus-2");
        Assert.True(bus.FixStale);
        Assert.Equal(Start.AddMinutes(30).AddSeconds(30), bus.NextStops[0].PlannedArrival);
    }

    [Fact]
    public async Task Only_the_area_that_could_not_say_what_changed_is_read_again()
    {
        var source = TwoAreas();
        var clock = new ManualClock(Start);
        var builder = Builder(source, clock);
        var (cards, _) = await builder.NextAsync(null, clock: true, CancellationToken.None);
        var west = cards.Bookings["west.b3"];

        // The east area re-activated elsewhere: its journal restarted, so it names nothing; a booking came meanwhile.
        source.PutBooking("east.b4", "east.bus-1", BookingStatus.Confirmed, Start.AddMinutes(50), Start);
        source.PutBooking("east.b2", "east.bus-1", BookingStatus.Cancelled, Start.AddMinutes(40), Start);
        // Meanwhile the west bus's forecast moved with the clock: the next clock refresh must still see it.
        source.PutVehicle("west.bus-2", Start.AddMinutes(33), Start, delay: 180);
        source.NextChanges = ScriptedConsoleSource.Nothing("east");
        clock.Advance(TimeSpan.FromSeconds(1));
        var (same, next) = await builder.NextAsync(cards, clock: false, CancellationToken.None);

        Assert.Same(cards, same);
        Assert.Equal(["east.b1", "east.b2", "east.b4"], source.BookingReads[^1].Order(StringComparer.Ordinal));
        Assert.Same(west, same.Bookings["west.b3"]);
        Assert.Equal("cancelled", next.Bookings.Single(b => b.Id == "east.b2").Status);
        Assert.Equal("confirmed", next.Bookings.Single(b => b.Id == "east.b4").Status);
        Assert.Equal(4, next.Bookings.Count);

        source.NextChanges = ScriptedConsoleSource.Nothing();
        clock.Advance(TimeSpan.FromSeconds(3));
        await builder.NextAsync(cards, clock: true, CancellationToken.None);
        Assert.Equal(["west.b3"], source.BookingReads[^1]);
    }

    [Fact]
    public async Task An_offer_leaves_the_screen_when_it_expires_without_being_read_again()
    {
        var source = TwoAreas();
        source.PutBooking("west.b5", "west.bus-2", BookingStatus.Offered, Start.AddMinutes(35), Start.AddMinutes(1));
        var clock = new ManualClock(Start);
        var builder = Builder(source, clock);
        var (cards, first) = await builder.NextAsync(null, clock: true, CancellationToken.None);
        Assert.Equal("offered", first.Bookings.Single(b => b.Id == "west.b5").Status);

        source.NextChanges = ScriptedConsoleSource.Nothing();
        clock.Advance(TimeSpan.FromSeconds(90));
        int reads = source.BookingReads.Count;
        var (_, next) = await builder.NextAsync(cards, clock: true, CancellationToken.None);
        Assert.DoesNotContain(next.Bookings, b => b.Id == "west.b5");
        Assert.Equal(reads, source.BookingReads.Count);
    }
}
