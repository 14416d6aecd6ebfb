using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Views;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

public sealed class WatchAndConcurrencyTests
{
    [Fact]
    public async Task Watching_a_booking_follows_it_until_drop_off()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var b = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(5)));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stream = (await h.Engine.WatchBookingAsync(CallerIdentity.Rider("anna"), b.Id, cts.Token)).Value!;
        var seen = new System.Collections.Concurrent.ConcurrentQueue<BookingView>();
        var reader = Task.Run(async () =>
        {
            await foreach (var v in stream.WithCancellation(cts.Token)) seen.Enqueue(v);
        });
        await WaitUntil(() => seen.Count >= 1, cts.Token);
        h.Clock.Set(b.Offer!.PlannedPickup);
        await h.StopAsync("bus-1", StopEventKind.Boarded, b.Id);
        await WaitUntil(() => seen.Any(v => v.Booking.Status == BookingStatus.OnBoard), cts.Token);
        await h.StopAsync("bus-1", StopEventKind.DroppedOff, b.Id);
        await reader.WaitAsync(cts.Token); // the stream ends by itself after drop-off

        var views = seen.ToArray();
        Assert.Equal(BookingStatus.Confirmed, views[0].Booking.Status);
        Assert.NotNull(views[0].EstimatedPickup);
        Assert.Equal(BookingStatus.Completed, views[^1].Booking.Status);
        Assert.Contains(seen, v => v.Booking.Status == BookingStatus.OnBoard && v.EstimatedDropoff is not null);
    }

    [Fact]
    public async Task Manifest_watch_sees_new_bookings()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stream = (await h.Engine.WatchManifestAsync(CallerIdentity.Driver("bus-1"), "bus-1", cts.Token)).Value!;
        await using var e = stream.GetAsyncEnumerator(cts.Token);
        Assert.True(await e.MoveNextAsync());
        Assert.Empty(e.Current.Stops);
        var b = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(5)));
        Assert.True(await e.MoveNextAsync());
        var board = Assert.Single(e.Current.Stops[0].Board);
        Assert.Equal(b.Id, board.SubjectId);
        Assert.Equal("anna", board.OwnerId);
        Assert.Equal(b.Offer!.PromisedPickupStart, board.PromisedFrom);
        Assert.Equal(b.Id, Assert.Single(e.Current.Stops[1].Alight).SubjectId);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Fleet_watch_sees_positions_and_loads()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var b = await h.BookAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(5)));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var stream = (await h.Engine.WatchFleetAsync(Control, cts.Token)).Value!;
        await using var e = stream.GetAsyncEnumerator(cts.Token);
        Assert.True(await e.MoveNextAsync());
        var first = Assert.Single(e.Current.Vehicles);
        Assert.Equal(P(0, 0), first.Position);
        Assert.Equal(2, first.NextStops.Length);

        h.Clock.Set(b.Offer!.PlannedPickup);
        await h.StopAsync("bus-1", StopEventKind.Boarded, b.Id);
        Assert.True(await e.MoveNextAsync());
        var after = Assert.Single(e.Current.Vehicles);
        Assert.Equal(P(1, 0), after.Position);
        Assert.Equal(1, after.Load.Seats);
        Assert.Single(after.NextStops);
        await cts.CancelAsync();
    }

    [Fact]
    public async Task Concurrent_bookings_never_overfill_a_vehicle()
    {
        var h = await CreateAsync(new Engine.DispatchOptions { MaxWait = TimeSpan.FromMinutes(5) });
        await h.AddVehicleAsync("bus-1", seats: 2);
        var tasks = Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            var rider = CallerIdentity.Rider("r" + i);
            var q = await h.Engine.RequestQuoteAsync(rider, Trip(At(1, 0), At(9, 0), Start.AddMinutes(10)));
            if (q.Value?.Offer is not { } offer) return 0;
            var c = await h.Engine.ConfirmOfferAsync(rider, offer.OfferId);
            return c.IsSuccess ? 1 : 0;
        })).ToArray();
        int confirmed = (await Task.WhenAll(tasks)).Sum();
        Assert.Equal(2, confirmed);
        var plan = (await h.Engine.GetPlanAsync())["bus-1"];
        Assert.Equal(4, plan.Length);
    }

    private static async Task WaitUntil(Func<bool> condition, CancellationToken ct)
    {
        while (!condition()) await Task.Delay(10, ct);
    }
}
