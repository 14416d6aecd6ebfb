using System.Text.Json;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

public sealed class RestartTests
{
    private static async Task<string> SnapshotAsync(Harness h)
    {
        var plan = await h.Engine.GetPlanAsync();
        var fleet = (await h.Engine.GetFleetAsync(Control)).Value!;
        var kpis = (await h.Engine.GetKpisAsync(Control)).Value!;
        var manifests = new List<object>();
        foreach (var v in fleet.Vehicles) manifests.Add((await h.Engine.GetManifestAsync(Control, v.VehicleId)).Value!);
        return JsonSerializer.Serialize(new { plan = plan.OrderBy(p => p.Key).ToList(), fleet, kpis, manifests });
    }

    [Fact]
    public async Task Replaying_the_store_reproduces_bookings_promises_and_plan()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1");
        await h.AddVehicleAsync("kombi-2", parcels: 5);
        var a = await h.BookAsync("anna", Trip(At(1, 0), At(6, 0), Start.AddMinutes(10)));
        var b = await h.BookAsync("ben", Trip(At(2, 1), At(7, 1), Start.AddMinutes(15)));
        var c = await h.BookAsync("cem", Trip(At(-3, 0), At(4, 2), Start.AddHours(3)));
        var p = (await h.Engine.SubmitParcelAsync(CallerIdentity.Shop("baker"), new ParcelRequest(At(0, 1), At(5, 1), 2, Start, Start.AddHours(4)))).Value!;
        await h.Engine.CancelBookingAsync(CallerIdentity.Rider("cem"), c.Id);
        h.Clock.Set(a.Offer!.PlannedPickup);
        await h.StopAsync(a.VehicleId!, StopEventKind.Boarded, a.Id);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Engine.ReportPositionAsync(Control, a.VehicleId!, P(1.5, 0));
        var pending = await h.OfferAsync("dora", Trip(At(3, 3), At(0, 0), Start.AddMinutes(40)));

        string before = await SnapshotAsync(h);
        var views = new[] { a.Id, b.Id, c.Id }.Select(id => h.ViewAsync(id).Result).ToArray();

        await h.ReopenAsync();

        Assert.Equal(before, await SnapshotAsync(h));
        for (int i = 0; i < views.Length; i++)
            Assert.Equal(views[i], await h.ViewAsync(views[i].Booking.Id));
        Assert.Equal(p, (await h.Engine.GetParcelAsync(Control, p.Id)).Value!.Parcel);
        // Offers live in memory only: the pending one is gone, with an answer that says what to do.
        var lost = await h.Engine.ConfirmOfferAsync(CallerIdentity.Rider("dora"), pending.OfferId);
        Assert.Equal(DispatchErrorCode.NotFound, lost.Error!.Code);
        Assert.Contains("new quote", lost.Error.Message);
        Assert.Equal(DispatchErrorCode.NotFound, (await h.Engine.GetBookingAsync(Control, pending.BookingId)).Error!.Code);
        // The restored engine keeps working: quoting again books.
        var dora = await h.BookAsync("dora", Trip(At(3, 3), At(0, 0), Start.AddMinutes(40)));
        Assert.Equal(BookingStatus.Confirmed, dora.Status);

        // Same seed after the restart: new ids must still be new, and old bookings untouched.
        var emil = await h.BookAsync("emil", Trip(At(0, 2), At(3, 2), Start.AddMinutes(50)));
        var ids = new[] { a.Id, b.Id, c.Id, dora.Id, dora.Offer!.OfferId, p.Id, emil.Id, emil.Offer!.OfferId };
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(views[0].Booking, (await h.ViewAsync(a.Id)).Booking);
    }

    [Fact]
    public async Task Unknown_or_corrupt_events_are_reported_with_their_sequence()
    {
        var store = new InMemoryDispatchStore();
        await store.AppendAsync([new StoredEvent(0, EventTypesProbe.Known, "vehicle/x", Start, "{ not json")], null, default);
        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => DispatchEngine.OpenAsync(
            new DispatchOptions(), new StraightLineTravelTimeService(), store, TimeProvider.System, new Random(1)));
        Assert.Contains("Event 1", ex.Message);

        var other = new InMemoryDispatchStore();
        await other.AppendAsync([new StoredEvent(0, "Martian", "x", Start, "{}")], null, default);
        var ex2 = await Assert.ThrowsAsync<InvalidDataException>(() => DispatchEngine.OpenAsync(
            new DispatchOptions(), new StraightLineTravelTimeService(), other, TimeProvider.System, new Random(1)));
        Assert.Contains("Martian", ex2.Message);
    }

    private static class EventTypesProbe
    {
        public const string Known = Events.EventTypes.VehicleRegistered;
    }
}
