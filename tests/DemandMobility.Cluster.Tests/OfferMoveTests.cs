using DemandMobility.Dispatch.Domain;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Cluster.Tests.TestRegion;

namespace DemandMobility.Cluster.Tests;

/// <summary>
/// An area moves to another silo (grain migration) between a rider's quote and booking: the open offer and the
/// idempotent quote answer travel in the migration, so the booking on the new silo is confirmed with the promise
/// of the offer.
/// </summary>
public sealed class OfferMoveTests(AreaClusterFixture fixture) : IClassFixture<AreaClusterFixture>
{
    private static readonly CallerIdentity Control = CallerIdentity.Dispatcher("control");

    [PostgresFact]
    public async Task An_offer_given_before_a_move_is_booked_on_the_new_silo()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var router = fixture.Router;
        var now = DateTimeOffset.UtcNow;
        Assert.True((await router.RegisterVehicleAsync(Control, new VehicleRegistration("east.bus-m", new LoadVector(8, 1, 0, 2),
            Centre(2).Coordinate!.Value, now.AddHours(-1), now.AddHours(12))).WaitAsync(timeout.Token)).IsSuccess);
        Assert.True((await router.StartShiftAsync(Control, "east.bus-m").WaitAsync(timeout.Token)).IsSuccess);
        var rider = CallerIdentity.Rider("rider-m");
        var request = new QuoteRequest(Centre(2, kmNorth: 2), Centre(2, kmNorth: 7), now.AddMinutes(25), null);
        var quote = await router.RequestQuoteAsync(rider, request, "quote-m").WaitAsync(timeout.Token);
        var offer = quote.Value?.Offer ?? throw new Xunit.Sdk.XunitException(quote.Error?.Message ?? "no offer");

        var grain = router.Area("east");
        var from = (await grain.DescribeAsync().WaitAsync(timeout.Token)).Silo;
        var target = fixture.Cluster.Silos.First(s => s.SiloAddress.ToString() != from).SiloAddress;
        await grain.MoveToAsync(target).WaitAsync(timeout.Token);
        while ((await grain.DescribeAsync().WaitAsync(timeout.Token)).Silo != target.ToString())
            await Task.Delay(100, timeout.Token);

        // The retried quote answers the same offer; booking it on the new silo confirms the promise.
        var again = await router.RequestQuoteAsync(rider, request, "quote-m").WaitAsync(timeout.Token);
        Assert.Equal(offer.OfferId, again.Value?.Offer?.OfferId);
        var booking = await router.ConfirmOfferAsync(rider, offer.OfferId).WaitAsync(timeout.Token);
        Assert.True(booking.IsSuccess, booking.Error?.Message);
        Assert.Equal(BookingStatus.Confirmed, booking.Value.Status);
        Assert.Equal(offer.PromisedPickupStart, booking.Value.Offer!.PromisedPickupStart);
        Assert.Equal(offer.PromisedPickupEnd, booking.Value.Offer.PromisedPickupEnd);
    }
}
