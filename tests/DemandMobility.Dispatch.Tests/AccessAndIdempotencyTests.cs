using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

public sealed class AccessAndIdempotencyTests
{
    [Fact]
    public async Task Another_riders_booking_is_not_found_and_unchanged()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var offer = await h.OfferAsync("anna", Trip(At(1, 0), At(5, 0), Start.AddMinutes(10)));
        var ben = CallerIdentity.Rider("ben");

        var steal = await h.Engine.ConfirmOfferAsync(ben, offer.OfferId);
        Assert.Equal(DispatchErrorCode.NotFound, steal.Error!.Code);
        var booking = (await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("anna"), offer.OfferId)).Value!;

        var get = await h.Engine.GetBookingAsync(ben, booking.Id);
        var cancel = await h.Engine.CancelBookingAsync(ben, booking.Id);
        var watch = await h.Engine.WatchBookingAsync(ben, booking.Id);
        var missing = await h.Engine.GetBookingAsync(ben, "no-such-booking");
        foreach (var e in new[] { get.Error, cancel.Error, watch.Error })
        {
            Assert.Equal(DispatchErrorCode.NotFound, e!.Code);
            Assert.DoesNotContain("permission", e.Message, StringComparison.OrdinalIgnoreCase);
        }
        // Indistinguishable from a booking that does not exist, apart from the id itself.
        Assert.Equal(missing.Error!.Message.Replace("no-such-booking", "X"), get.Error!.Message.Replace(booking.Id, "X"));

        Assert.Equal(BookingStatus.Confirmed, (await h.Engine.GetBookingAsync(CallerIdentity.Rider("anna"), booking.Id)).Value!.Booking.Status);
        Assert.Equal(BookingStatus.Confirmed, (await h.ViewAsync(booking.Id)).Booking.Status);
    }

    [Fact]
    public async Task Shops_see_only_their_own_parcels_and_riders_cannot_watch_the_fleet()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("kombi", parcels: 4);
        var p = (await h.Engine.SubmitParcelAsync(CallerIdentity.Shop("baker"), new ParcelRequest(At(1, 0), At(3, 0), 1, Start, Start.AddHours(3)))).Value!;
        Assert.Equal(DispatchErrorCode.NotFound, (await h.Engine.GetParcelAsync(CallerIdentity.Shop("butcher"), p.Id)).Error!.Code);
        Assert.Equal(DispatchErrorCode.NotFound, (await h.Engine.CancelParcelAsync(CallerIdentity.Shop("butcher"), p.Id)).Error!.Code);
        Assert.Equal(DispatchErrorCode.PermissionDenied, (await h.Engine.GetFleetAsync(CallerIdentity.Rider("anna"))).Error!.Code);
        Assert.Equal(DispatchErrorCode.PermissionDenied, (await h.Engine.GetKpisAsync(CallerIdentity.Driver("kombi"))).Error!.Code);
        Assert.Equal(DispatchErrorCode.NotFound, (await h.Engine.GetManifestAsync(CallerIdentity.Driver("other"), "kombi")).Error!.Code);
        var cancelled = await h.Engine.CancelParcelAsync(CallerIdentity.Shop("baker"), p.Id);
        Assert.Equal(ParcelStatus.Cancelled, cancelled.Value!.Status);
        Assert.Empty(await h.Engine.GetPlanAsync());
    }

    [Fact]
    public async Task Retried_requests_with_the_same_key_act_once()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var anna = CallerIdentity.Rider("anna");
        var trip = Trip(At(1, 0), At(5, 0), Start.AddMinutes(10));

        var q1 = await h.Engine.RequestQuoteAsync(anna, trip, "quote-1");
        int events = h.Store.Count;
        var q2 = await h.Engine.RequestQuoteAsync(anna, trip, "quote-1");
        Assert.Equal(q1.Value!.Offer, q2.Value!.Offer);
        Assert.Equal(events, h.Store.Count);

        var c1 = await h.Engine.ConfirmOfferAsync(anna, q1.Value.Offer!.OfferId, "confirm-1");
        events = h.Store.Count;
        var c2 = await h.Engine.ConfirmOfferAsync(anna, q1.Value.Offer.OfferId, "confirm-1");
        Assert.Equal(c1.Value, c2.Value);
        Assert.Equal(events, h.Store.Count);
        Assert.Single((await h.Engine.GetPlanAsync())["bus-1"].Select(s => s.SubjectId).Distinct());

        var conflict = await h.Engine.RequestQuoteAsync(anna, trip with { Passengers = 2 }, "quote-1");
        Assert.Equal(DispatchErrorCode.IdempotencyConflict, conflict.Error!.Code);
        Assert.Equal("idempotencyKey", conflict.Error.Field);

        // The same key of another rider is another key.
        var ben = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("ben"), trip, "quote-1");
        Assert.NotEqual(q1.Value.Offer.OfferId, ben.Value!.Offer!.OfferId);
    }

    [Fact]
    public async Task After_a_restart_an_unconfirmed_offer_is_gone_and_a_retried_quote_is_answered_afresh()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var anna = CallerIdentity.Rider("anna");
        var trip = Trip(At(1, 0), At(5, 0), Start.AddMinutes(10));
        var q = await h.Engine.RequestQuoteAsync(anna, trip, "k");
        Assert.DoesNotContain(h.Store.Snapshot(), e => e.Type == Events.EventTypes.OfferIssued); // offers are not stored
        await h.ReopenAsync();
        var lost = await h.Engine.ConfirmOfferAsync(anna, q.Value!.Offer!.OfferId);
        Assert.Equal(DispatchErrorCode.NotFound, lost.Error!.Code);
        var again = await h.Engine.RequestQuoteAsync(anna, trip, "k");
        Assert.NotNull(again.Value!.Offer);
        var c = await h.Engine.ConfirmOfferAsync(anna, again.Value.Offer!.OfferId);
        Assert.True(c.IsSuccess, c.Error?.Message);
        // The confirmation is durable: it survives the next restart with its offer.
        await h.ReopenAsync();
        Assert.Equal(c.Value, (await h.Engine.GetBookingAsync(anna, c.Value!.Id)).Value!.Booking);
    }
}
