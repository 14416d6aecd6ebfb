using System.Text;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>Phone bookings name their traveller for the driver and the control room only, encrypted at rest and erasable.</summary>
public sealed class TravellerTests
{
    private static readonly Traveller Erika = new("Erika Mustermann", "+49 921 555 0199");

    private static QuoteRequest PhoneBooking() => Trip(At(1, 0), At(5, 0), Start.AddMinutes(10)) with { Traveller = Erika };

    private static async Task<string> LogTextAsync(Harness h)
    {
        var text = new StringBuilder();
        await foreach (var e in h.Store.ReadAsync(0, CancellationToken.None)) text.Append(e.Payload);
        return text.ToString();
    }

    private static async Task<Booking> BookForCallerAsync(Harness h)
    {
        var q = await h.Engine.RequestQuoteAsync(Control, PhoneBooking());
        Assert.True(q.IsSuccess, q.Error?.Message);
        var c = await h.Engine.ConfirmOfferAsync(Control, q.Value!.Offer!.OfferId);
        Assert.True(c.IsSuccess, c.Error?.Message);
        return c.Value!;
    }

    [Fact]
    public async Task Only_a_dispatcher_may_name_a_traveller()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var q = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("anna"), PhoneBooking());
        Assert.Equal(DispatchErrorCode.PermissionDenied, q.Error!.Code);
        var tooLong = await h.Engine.RequestQuoteAsync(Control, PhoneBooking() with { Traveller = new Traveller(new string('x', 201), null) });
        Assert.Equal("traveller.name", tooLong.Error!.Field);
    }

    [Fact]
    public async Task The_driver_and_the_control_room_see_the_traveller_the_log_holds_only_ciphertext()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var booking = await BookForCallerAsync(h);

        var manifest = (await h.Engine.GetManifestAsync(CallerIdentity.Driver("bus-1"), "bus-1")).Value!;
        Assert.Equal(Erika, manifest.Stops[0].Board.Single().Traveller);
        Assert.Equal(Erika, (await h.Engine.GetBookingAsync(Control, booking.Id)).Value!.Traveller);
        Assert.Null(booking.Request.Traveller);

        string log = await LogTextAsync(h);
        Assert.DoesNotContain("Mustermann", log);
        Assert.DoesNotContain("555 0199", log);
        Assert.DoesNotContain("Mustermann", booking.ToString());
        Assert.DoesNotContain("Mustermann", PhoneBooking().ToString());

        // The key survives a replay of the log (same vault), so the driver still reads the name.
        await h.ReopenAsync();
        Assert.Equal(Erika, (await h.Engine.GetManifestAsync(Control, "bus-1")).Value!.Stops[0].Board.Single().Traveller);
    }

    [Fact]
    public async Task Erasing_removes_the_traveller_for_good_while_the_trip_and_statistics_stay()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        var booking = await BookForCallerAsync(h);
        h.Clock.Advance(TimeSpan.FromMinutes(12));
        await h.StopAsync("bus-1", StopEventKind.Arrived, booking.Id);
        await h.StopAsync("bus-1", StopEventKind.Boarded, booking.Id);
        h.Clock.Advance(TimeSpan.FromMinutes(8));
        await h.StopAsync("bus-1", StopEventKind.Arrived, booking.Id);
        await h.StopAsync("bus-1", StopEventKind.DroppedOff, booking.Id);
        var before = (await h.Engine.GetKpisAsync(Control)).Value!;

        Assert.Equal(DispatchErrorCode.PermissionDenied, (await h.Engine.ErasePersonalDataAsync(CallerIdentity.Rider("anna"), booking.Id)).Error!.Code);
        var erased = await h.Engine.ErasePersonalDataAsync(Control, booking.Id);

        Assert.Equal(1, erased.Value);
        var view = (await h.Engine.GetBookingAsync(Control, booking.Id)).Value!;
        Assert.Null(view.Traveller);
        Assert.Null(view.Booking.SealedTraveller);
        Assert.Equal(BookingStatus.Completed, view.Booking.Status);
        await h.ReopenAsync(); // replaying the log, which still holds the old ciphertext, reveals nothing
        Assert.Null((await h.Engine.GetBookingAsync(Control, booking.Id)).Value!.Traveller);
        Assert.DoesNotContain("Mustermann", await LogTextAsync(h));
        Assert.Equal(before, (await h.Engine.GetKpisAsync(Control)).Value!);
    }
}
