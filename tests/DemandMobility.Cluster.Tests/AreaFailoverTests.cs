using System.Diagnostics;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Cluster.Tests.TestRegion;

namespace DemandMobility.Cluster.Tests;

/// <summary>
/// An area's silo dies without shutting down (in-process kill: no goodbye to membership, activations just vanish).
/// Membership on PostgreSQL declares it dead and the area re-activates elsewhere from its log.
/// </summary>
public sealed class AreaFailoverTests(KillableClusterFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<KillableClusterFixture>
{
    private static readonly CallerIdentity Control = CallerIdentity.Dispatcher("control");

    [PostgresFact]
    [Trait("Category", "Failover")]
    public async Task When_the_hosting_silo_is_killed_quoting_resumes_within_10_s_and_confirmed_bookings_stay()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var router = fixture.Router;
        var now = DateTimeOffset.UtcNow;
        var registered = await router.RegisterVehicleAsync(Control, new VehicleRegistration("west.bus-k", new LoadVector(8, 1, 0, 2),
            Centre(0).Coordinate!.Value, now.AddHours(-1), now.AddHours(12))).WaitAsync(timeout.Token);
        Assert.True(registered.IsSuccess, registered.Error?.Message);
        Assert.True((await router.StartShiftAsync(Control, "west.bus-k").WaitAsync(timeout.Token)).IsSuccess);
        var rider = CallerIdentity.Rider("rider-k");
        var quote = await router.RequestQuoteAsync(rider, Trip(2, 3)).WaitAsync(timeout.Token);
        var offer = quote.Value?.Offer ?? throw new Xunit.Sdk.XunitException(quote.Error?.Message ?? "no offer");
        var booking = await router.ConfirmOfferAsync(rider, offer.OfferId).WaitAsync(timeout.Token);
        Assert.True(booking.IsSuccess, booking.Error?.Message);

        var grain = router.Area("west");
        var host = (await grain.DescribeAsync().WaitAsync(timeout.Token)).Silo;
        var victim = fixture.Cluster.Silos.Single(s => s.SiloAddress.ToString() == host);
        var gap = Stopwatch.StartNew();
        await fixture.Cluster.KillSiloAsync(victim).WaitAsync(timeout.Token);

        // Quote until the area answers again; failures in between must be the cluster's transient ones.
        while (true)
        {
            try
            {
                var again = await router.RequestQuoteAsync(CallerIdentity.Rider("rider-k2"), Trip(4, 6)).WaitAsync(TimeSpan.FromSeconds(5), timeout.Token);
                Assert.True(again.IsSuccess, again.Error?.Message);
                break;
            }
            // SiloUnavailableException, OrleansMessageRejectionException and the like all derive from OrleansException.
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                await Task.Delay(100, timeout.Token);
            }
        }
        gap.Stop();
        output.WriteLine($"failover gap (kill to next successful quote in the area): {gap.Elapsed.TotalSeconds:F2} s");
        Assert.True(gap.Elapsed < TimeSpan.FromSeconds(10), $"quoting resumed only after {gap.Elapsed.TotalSeconds:F1} s");

        var moved = await grain.DescribeAsync().WaitAsync(timeout.Token);
        Assert.NotEqual(host, moved.Silo);
        var view = await router.GetBookingAsync(Control, booking.Value.Id).WaitAsync(timeout.Token);
        Assert.True(view.IsSuccess, view.Error?.Message);
        Assert.Equal(BookingStatus.Confirmed, view.Value.Booking.Status);
        Assert.Equal(offer.PromisedPickupStart, view.Value.Booking.Offer!.PromisedPickupStart);
        Assert.Equal(offer.PromisedPickupEnd, view.Value.Booking.Offer!.PromisedPickupEnd);
    }

    private static QuoteRequest Trip(double fromKmNorth, double toKmNorth) =>
        new(Centre(0, kmNorth: fromKmNorth), Centre(0, kmNorth: toKmNorth), DateTimeOffset.UtcNow.AddMinutes(20), null);
}
