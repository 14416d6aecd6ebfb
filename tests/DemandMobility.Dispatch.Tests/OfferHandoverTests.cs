using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// Open offers and idempotent quote answers live in memory; <see cref="DispatchEngine.ExportOffersAsync"/> and
/// <see cref="DispatchEngine.ImportOffersAsync"/> hand them to the engine that takes over the same log (a service area
/// moving to another silo).
/// </summary>
public sealed class OfferHandoverTests
{
    private static readonly CallerIdentity Rider = CallerIdentity.Rider("rider-1");

    private static QuoteRequest Request => Trip(At(1, 0), At(3, 2), Start.AddMinutes(30));

    [Fact]
    public async Task An_offer_handed_over_is_confirmed_by_the_next_engine_and_a_retried_quote_gets_the_same_offer()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var quote = await h.Engine.RequestQuoteAsync(Rider, Request, "key-1");
        var offer = quote.Value!.Offer!;
        var handover = OfferHandover.FromUtf8Json((await h.Engine.ExportOffersAsync()).ToUtf8Json());
        Assert.Single(handover.Offers);
        Assert.Single(handover.Replies);

        await h.ReopenAsync();
        // Without the handover the new engine does not know the offer.
        Assert.Equal(DispatchErrorCode.NotFound, (await h.Engine.GetBookingAsync(Rider, offer.BookingId)).Error?.Code);
        Assert.Equal(1, await h.Engine.ImportOffersAsync(handover));

        var again = await h.Engine.RequestQuoteAsync(Rider, Request, "key-1");
        Assert.Equal(offer.OfferId, again.Value!.Offer!.OfferId);
        var booked = await h.Engine.ConfirmOfferAsync(Rider, offer.OfferId);
        Assert.True(booked.IsSuccess, booked.Error?.Message);
        Assert.Equal(BookingStatus.Confirmed, booked.Value!.Status);
        Assert.Equal(offer.PromisedPickupStart, booked.Value.Offer!.PromisedPickupStart);

        // The confirmation is stored: it survives a restart without any handover.
        await h.ReopenAsync();
        Assert.Equal(BookingStatus.Confirmed, (await h.ViewAsync(offer.BookingId)).Booking.Status);
    }

    [Fact]
    public async Task Expired_offers_are_neither_handed_over_nor_taken()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        await h.OfferAsync("rider-1", Request);
        var handover = await h.Engine.ExportOffersAsync();
        h.Clock.Advance(h.Options.OfferExpiry + TimeSpan.FromSeconds(1));
        Assert.Empty((await h.Engine.ExportOffersAsync()).Offers);
        await h.ReopenAsync();
        Assert.Equal(0, await h.Engine.ImportOffersAsync(handover));
    }

    [Fact]
    public async Task A_handover_never_overrides_what_the_log_holds()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var offer = await h.OfferAsync("rider-1", Request);
        var handover = await h.Engine.ExportOffersAsync();
        Assert.True((await h.Engine.ConfirmOfferAsync(Rider, offer.OfferId)).IsSuccess);
        await h.ReopenAsync();
        Assert.Equal(0, await h.Engine.ImportOffersAsync(handover));
        Assert.Equal(BookingStatus.Confirmed, (await h.ViewAsync(offer.BookingId)).Booking.Status);
    }

    [Fact]
    public void Unreadable_handover_bytes_are_named()
    {
        var ex = Assert.Throws<InvalidDataException>(() => OfferHandover.FromUtf8Json("{\"Offers\": 3"u8));
        Assert.StartsWith("The offer handover is unreadable", ex.Message, StringComparison.Ordinal);
    }
}
