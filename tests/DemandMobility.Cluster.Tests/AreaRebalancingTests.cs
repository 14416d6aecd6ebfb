using System.Collections.Immutable;
using System.Diagnostics;
using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Balancing;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Cluster.Tests.TestRegion;

namespace DemandMobility.Cluster.Tests;

/// <summary>Two silos with six areas and the balancing round every second; the test adds a third silo.</summary>
public sealed class RebalancingClusterFixture : AreaClusterFixture
{
    /// <summary>Six 10 km squares: two rows of three.</summary>
    public static readonly ImmutableArray<ServiceAreaDefinition> SixAreas =
    [
        .. Enumerable.Range(0, 6).Select(i => new ServiceAreaDefinition($"area{i}",
            [P(10 * (i / 3), 10 * (i % 3)), P(10 * (i / 3), 10 * (i % 3) + 10), P(10 * (i / 3) + 10, 10 * (i % 3) + 10), P(10 * (i / 3) + 10, 10 * (i % 3))],
            [])),
    ];

    protected override short InitialSilos => 2;

    public override IReadOnlyList<ServiceAreaDefinition> ServiceAreas => SixAreas;

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        // A base load far above what a few bookings measure: idle areas spread by count.
        silo.AddAreaRebalancing(new AreaRebalancingOptions
        {
            Interval = TimeSpan.FromSeconds(1), MaxMovesPerRound = 2, AreaBaseLoad = 1000, Cooldown = TimeSpan.FromSeconds(3),
        });
}

/// <summary>
/// A silo joins a loaded cluster: the balancing round moves active areas onto it (grain migration; the areas replay
/// their logs from PostgreSQL), so within a bounded time every silo hosts two of the six areas, and every booking
/// confirmed before keeps its status and promise.
/// </summary>
public sealed class AreaRebalancingTests(RebalancingClusterFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
    : IClassFixture<RebalancingClusterFixture>
{
    private static readonly CallerIdentity Control = CallerIdentity.Dispatcher("control");

    [PostgresFact]
    public async Task A_joining_silo_gets_its_share_of_the_active_areas_without_losing_a_booking()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var router = fixture.Router;
        var areas = fixture.ServiceAreas;

        // Every area active on the two silos, spread between them by the round (3 + 3) before anything is booked.
        var spread = await WaitForSpreadAsync(2, timeout.Token);
        Assert.Equal(6, spread.Values.Sum());

        var now = DateTimeOffset.UtcNow;
        var bookings = new List<Booking>();
        for (int i = 0; i < areas.Count; i++)
        {
            var area = areas[i].Id;
            var centre = P(10 * (i / 3) + 5, 10 * (i % 3) + 5);
            var registered = await router.RegisterVehicleAsync(Control, new VehicleRegistration($"{area}.bus-1", new LoadVector(8, 1, 0, 2),
                centre, now.AddHours(-1), now.AddHours(12))).WaitAsync(timeout.Token);
            Assert.True(registered.IsSuccess, registered.Error?.Message);
            Assert.True((await router.StartShiftAsync(Control, $"{area}.bus-1").WaitAsync(timeout.Token)).IsSuccess);
            bookings.Add(await BookAsync(router, i, timeout.Token));
        }

        var joined = Stopwatch.StartNew();
        var third = await fixture.Cluster.StartAdditionalSiloAsync().WaitAsync(timeout.Token);
        var after = await WaitForSpreadAsync(3, timeout.Token);
        joined.Stop();
        output.WriteLine($"third silo joined; areas spread 2/2/2 {joined.Elapsed.TotalSeconds:F1} s after its start began");
        Assert.Equal(2, after[third.SiloAddress.ToString()]);
        Assert.True(joined.Elapsed < TimeSpan.FromSeconds(60), $"spreading took {joined.Elapsed.TotalSeconds:F1} s");

        foreach (var booking in bookings)
        {
            var view = await router.GetBookingAsync(Control, booking.Id).WaitAsync(timeout.Token);
            Assert.True(view.IsSuccess, view.Error?.Message);
            Assert.Equal(BookingStatus.Confirmed, view.Value.Booking.Status);
            Assert.Equal(booking.Offer!.PromisedPickupStart, view.Value.Booking.Offer!.PromisedPickupStart);
            Assert.Equal(booking.Offer.PromisedPickupEnd, view.Value.Booking.Offer.PromisedPickupEnd);
        }
        // The moved areas quote again.
        var again = await router.RequestQuoteAsync(CallerIdentity.Rider("rider-after"), Trip(0)).WaitAsync(timeout.Token);
        Assert.True(again.IsSuccess, again.Error?.Message);
    }

    /// <summary>Polls where each area lives until the <paramref name="silos"/> active silos host two or three each, evenly.</summary>
    private async Task<Dictionary<string, int>> WaitForSpreadAsync(int silos, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var active = fixture.Cluster.Silos.Select(s => s.SiloAddress.ToString()).ToList();
            var counts = active.ToDictionary(s => s, _ => 0);
            try
            {
                foreach (var area in fixture.ServiceAreas)
                {
                    var host = (await fixture.Router.Area(area.Id).DescribeAsync().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken)).Silo;
                    if (counts.ContainsKey(host)) counts[host]++;
                }
                if (active.Count == silos && counts.Values.Sum() == fixture.ServiceAreas.Count && counts.Values.Max() - counts.Values.Min() <= 1)
                    return counts;
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException)
            {
                // An area in the middle of a move.
            }
            await Task.Delay(250, cancellationToken);
        }
    }

    private static async Task<Booking> BookAsync(Routing.ServiceAreaRouter router, int areaIndex, CancellationToken cancellationToken)
    {
        var rider = CallerIdentity.Rider($"rider-{areaIndex}");
        // An area the round moves between quote and confirm hands its open offer over: the confirmation succeeds.
        var quote = await router.RequestQuoteAsync(rider, Trip(areaIndex)).WaitAsync(cancellationToken);
        var offer = quote.Value?.Offer ?? throw new Xunit.Sdk.XunitException(quote.Error?.Message ?? "no offer");
        var booking = await router.ConfirmOfferAsync(rider, offer.OfferId).WaitAsync(cancellationToken);
        return booking.IsSuccess ? booking.Value : throw new Xunit.Sdk.XunitException(booking.Error?.Message);
    }

    private static QuoteRequest Trip(int areaIndex) =>
        new(At(10 * (areaIndex / 3) + 3, 10 * (areaIndex % 3) + 4), At(10 * (areaIndex / 3) + 7, 10 * (areaIndex % 3) + 6),
            DateTimeOffset.UtcNow.AddMinutes(20), null);
}
