using DemandMobility.Cluster.Grains;
using DemandMobility.Cluster.Routing;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Cluster.Tests.TestRegion;

namespace DemandMobility.Cluster.Tests;

/// <summary>
/// What a control room over the whole region reads through the router, on three in-process silos with the area
/// stores in PostgreSQL: merged reads with area-scoped ids, an area's changes tied to its activation, its booking log
/// in pages, and computed-alert acknowledgements kept in the area their ids name.
/// </summary>
public sealed class ControlRoomRoutingTests(AreaClusterFixture fixture) : IClassFixture<AreaClusterFixture>
{
    private static readonly CallerIdentity Control = CallerIdentity.Dispatcher("control");
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private ServiceAreaRouter Router => fixture.Router;

    [PostgresFact]
    public async Task Changes_bookings_and_the_log_of_an_area_come_back_area_scoped_and_tied_to_its_activation()
    {
        using var timeout = new CancellationTokenSource(Limit);
        await AddBusAsync("west.bus-r", 0);
        await AddBusAsync("east.bus-r", 2);
        var first = await BookAsync("rider-r", Centre(0), Centre(0, kmNorth: 4)).WaitAsync(timeout.Token);
        var marks = await Router.GetChangeMarksAsync().WaitAsync(timeout.Token);
        Assert.Equal(["east", "middle", "west"], marks.Keys.Order(StringComparer.Ordinal));

        // From -1 the answer is incomplete (read everything) and names the position and the activation.
        var start = await Router.GetChangesSinceAsync(Control, "west", -1).WaitAsync(timeout.Token);
        Assert.True(start.IsSuccess, start.Error?.Message);
        Assert.False(start.Value.Changes.Complete);
        var second = await BookAsync("rider-r", Centre(0, kmNorth: 3), Centre(0, kmNorth: 6)).WaitAsync(timeout.Token);
        var next = await Router.GetChangesSinceAsync(Control, "west", start.Value.Changes.Position).WaitAsync(timeout.Token);
        Assert.True(next.IsSuccess, next.Error?.Message);
        Assert.True(next.Value.Changes.Complete);
        Assert.Equal(start.Value.Activation, next.Value.Activation);
        Assert.Contains(next.Value.Changes.Bookings, b => b.Booking.Id == second.Id);
        Assert.All(next.Value.Changes.Bookings, b => Assert.StartsWith("west.", b.Booking.Id, StringComparison.Ordinal));
        Assert.All(next.Value.Changes.Vehicles, v => Assert.StartsWith("west.", v.VehicleId, StringComparison.Ordinal));
        var after = await Router.GetChangeMarksAsync().WaitAsync(timeout.Token);
        Assert.True(after["west"].Version > marks["west"].Version, "booking in the west area must move its change counter");

        // Merged reads: the fleet of every area, bookings by scoped id in one call per area (unknown ones null).
        var fleet = await Router.GetFleetAsync(Control).WaitAsync(timeout.Token);
        Assert.True(fleet.IsSuccess, fleet.Error?.Message);
        Assert.Contains(fleet.Value.Vehicles, v => v.VehicleId == "west.bus-r");
        Assert.Contains(fleet.Value.Vehicles, v => v.VehicleId == "east.bus-r");
        var views = await Router.GetBookingsAsync(Control, [first.Id, second.Id, "west.bk-none", "nowhere.bk-1"]).WaitAsync(timeout.Token);
        Assert.True(views.IsSuccess, views.Error?.Message);
        Assert.Equal(first.Id, views.Value[first.Id]?.Booking.Id);
        Assert.Equal("west.bus-r", views.Value[second.Id]?.Booking.VehicleId);
        Assert.Null(views.Value["west.bk-none"]);
        Assert.Null(views.Value["nowhere.bk-1"]);

        // The booking log in pages of one event: every page moves on, the bookings are named area-scoped.
        var named = new HashSet<string>();
        long cursor = 0;
        int pages = 0;
        BookingLogPage page;
        do
        {
            var read = await Router.ReadBookingLogAsync(Control, "west", cursor, 1).WaitAsync(timeout.Token);
            Assert.True(read.IsSuccess, read.Error?.Message);
            page = read.Value;
            Assert.True(page.LastSequence > cursor || !page.More);
            cursor = page.LastSequence;
            named.UnionWith(page.BookingIds);
            pages++;
        }
        while (page.More);
        Assert.True(pages > 2);
        Assert.Contains(first.Id, named);
        Assert.Contains(second.Id, named);
        var byRider = await Router.ReadBookingLogAsync(CallerIdentity.Rider("rider-r"), "west", 0, 10).WaitAsync(timeout.Token);
        Assert.Equal(DispatchErrorCode.PermissionDenied, byRider.Error?.Code);

        // A new activation (after deactivation) names itself differently, so a reader knows its positions are void.
        await fixture.Cluster.DeactivateAsync(Router.Area("west")).WaitAsync(timeout.Token);
        var reactivated = await RetryAsync(() => Router.GetChangesSinceAsync(Control, "west", next.Value.Changes.Position), timeout.Token);
        Assert.True(reactivated.IsSuccess, reactivated.Error?.Message);
        Assert.NotEqual(next.Value.Activation, reactivated.Value.Activation);
    }

    [PostgresFact]
    public async Task Computed_alert_acknowledgements_are_kept_in_the_area_their_ids_name()
    {
        using var timeout = new CancellationTokenSource(Limit);
        string noFix = "computed/no-fix/east.bus-k/never";
        string rejected = $"computed/rejected/{DateTimeOffset.UtcNow:yyyyMMdd'T'HHmmss}.0000000Z";
        var ack = await Router.AcknowledgeComputedAlertAsync(Control, noFix, "called").WaitAsync(timeout.Token);
        Assert.True(ack.IsSuccess, ack.Error?.Message);
        Assert.Equal(noFix, ack.Value.AlertId);
        Assert.True((await Router.AcknowledgeComputedAlertAsync(Control, rejected, null).WaitAsync(timeout.Token)).IsSuccess);

        var since = DateTimeOffset.UtcNow.AddHours(-1);
        var east = await Router.Area("east").GetComputedAlertAcknowledgementsAsync(Control, since).WaitAsync(timeout.Token);
        Assert.True(east.IsSuccess, east.Error?.Message);
        Assert.Contains(east.Value, a => a.AlertId == noFix && a.By == "control");
        // A region-wide alert names no area: the first configured one keeps it.
        var west = await Router.Area("west").GetComputedAlertAcknowledgementsAsync(Control, since).WaitAsync(timeout.Token);
        Assert.True(west.IsSuccess, west.Error?.Message);
        Assert.Contains(west.Value, a => a.AlertId == rejected);
        var merged = await Router.GetComputedAlertAcknowledgementsAsync(Control, since).WaitAsync(timeout.Token);
        Assert.True(merged.IsSuccess, merged.Error?.Message);
        Assert.Contains(merged.Value, a => a.AlertId == noFix);
        Assert.Contains(merged.Value, a => a.AlertId == rejected);

        // Learned travel times: the areas' engines do not learn here, and the refusal names the first area.
        var reset = await Router.ResetLearnedTravelTimesAsync(Control).WaitAsync(timeout.Token);
        Assert.Equal(DispatchErrorCode.FailedPrecondition, reset.Error?.Code);
        Assert.StartsWith("Service area 'west':", reset.Error?.Message, StringComparison.Ordinal);
    }

    private async Task AddBusAsync(string vehicleId, int areaIndex)
    {
        var now = DateTimeOffset.UtcNow;
        var depot = Centre(areaIndex).Coordinate!.Value;
        var registered = await Router.RegisterVehicleAsync(Control,
            new VehicleRegistration(vehicleId, new LoadVector(8, 1, 0, 2), depot, now.AddHours(-1), now.AddHours(12)));
        Assert.True(registered.IsSuccess, registered.Error?.Message);
        var started = await Router.StartShiftAsync(Control, vehicleId);
        Assert.True(started.IsSuccess, started.Error?.Message);
    }

    private async Task<Booking> BookAsync(string rider, PlaceRef from, PlaceRef to)
    {
        var caller = CallerIdentity.Rider(rider);
        var quote = await Router.RequestQuoteAsync(caller, new QuoteRequest(from, to, DateTimeOffset.UtcNow.AddMinutes(20), null));
        Assert.True(quote.IsSuccess, quote.Error?.Message);
        Assert.True(quote.Value.Offer is not null, quote.Value.Rejection?.Reason.ToString());
        var confirmed = await Router.ConfirmOfferAsync(caller, quote.Value.Offer.OfferId);
        Assert.True(confirmed.IsSuccess, confirmed.Error?.Message);
        return confirmed.Value;
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try { return await call().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken); }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
