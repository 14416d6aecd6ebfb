using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using DemandMobility.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>The background re-optimisation of the real host: it runs on its interval and keeps every promise.</summary>
public sealed class ReoptimisationLoopTests
{
    [Fact]
    public async Task Background_rounds_keep_or_improve_the_plan_and_every_promise()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path,
            new Dictionary<string, string?> { ["Dispatch:ReoptimisationInterval"] = "00:00:01" });
        var engine = server.Services.GetRequiredService<DispatchEngine>();
        var loop = server.Services.GetServices<IHostedService>().OfType<ReoptimisationLoop>().Single();

        // Trips both ways between two villages at staggered times: room for pooling and re-ordering.
        var a = new PlaceRef(new Dispatch.Geo.GeoPoint(Scenario.Origin.Lat, Scenario.Origin.Lon));
        var b = new PlaceRef(new Dispatch.Geo.GeoPoint(Scenario.Destination.Lat, Scenario.Destination.Lon));
        var booked = new List<Booking>();
        for (int i = 0; i < 8; i++)
        {
            var rider = CallerIdentity.Rider("r" + i);
            var departure = server.Clock.GetUtcNow().AddMinutes(20 + 6 * i);
            var q = await engine.RequestQuoteAsync(rider, i % 2 == 0 ? new QuoteRequest(a, b, departure, null) : new QuoteRequest(b, a, departure, null));
            Assert.True(q.IsSuccess, q.Error?.Message);
            if (q.Value!.Offer is not { } offer) continue;
            var c = await engine.ConfirmOfferAsync(rider, offer.OfferId);
            Assert.True(c.IsSuccess, c.Error?.Message);
            booked.Add(c.Value!);
        }
        Assert.True(booked.Count >= 4, $"only {booked.Count} trips booked");

        int before = loop.Rounds;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (loop.Rounds < before + 2 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.True(loop.Rounds >= before + 2, "the loop did not run two rounds within a minute");

        var last = loop.LastResult!;
        // Unchanged: an earlier round already searched this plan and found nothing cheaper.
        Assert.Contains(last.Status, new[] { ReoptimisationStatus.Adopted, ReoptimisationStatus.NotImproved, ReoptimisationStatus.Stale, ReoptimisationStatus.Unchanged });
        Assert.True(last.CostAfter <= last.CostBefore + 1e-6 || last.Status != ReoptimisationStatus.Adopted, $"{last}");

        var control = CallerIdentity.Dispatcher();
        var plan = await engine.GetPlanAsync();
        foreach (var booking in booked)
        {
            var view = (await engine.GetBookingAsync(control, booking.Id)).Value!;
            Assert.Equal(BookingStatus.Confirmed, view.Booking.Status);
            var stops = plan.Values.SelectMany(s => s).Where(s => s.SubjectId == booking.Id).ToList();
            Assert.Equal(2, stops.Count);
            var pickup = stops.Single(s => s.Kind == StopKind.Pickup);
            Assert.InRange(pickup.ServiceStart, booking.Offer!.PromisedPickupStart.AddMilliseconds(-1), booking.Offer.PromisedPickupEnd.AddMilliseconds(1));
            Assert.True(stops.Single(s => s.Kind == StopKind.Delivery).ServiceStart > pickup.ServiceStart);
        }
    }
}
