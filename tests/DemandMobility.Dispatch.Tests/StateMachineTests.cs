using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Optimization.Model;
using Xunit;

namespace DemandMobility.Dispatch.Tests;

public sealed class StateMachineTests
{
    private static readonly DateTimeOffset T = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static readonly HashSet<(BookingStatus, BookingStatus)> AllowedBooking =
    [
        (BookingStatus.Requested, BookingStatus.Offered), (BookingStatus.Requested, BookingStatus.Cancelled),
        (BookingStatus.Offered, BookingStatus.Confirmed), (BookingStatus.Offered, BookingStatus.Cancelled),
        (BookingStatus.Confirmed, BookingStatus.OnBoard), (BookingStatus.Confirmed, BookingStatus.Cancelled),
        (BookingStatus.Confirmed, BookingStatus.NoShow), (BookingStatus.OnBoard, BookingStatus.Completed),
        (BookingStatus.Confirmed, BookingStatus.Disrupted), (BookingStatus.OnBoard, BookingStatus.Disrupted),
        (BookingStatus.Confirmed, BookingStatus.Missed),
    ];

    public static TheoryData<BookingStatus, BookingStatus> BookingPairs()
    {
        var d = new TheoryData<BookingStatus, BookingStatus>();
        foreach (var a in Enum.GetValues<BookingStatus>())
            foreach (var b in Enum.GetValues<BookingStatus>())
                d.Add(a, b);
        return d;
    }

    private static Booking BookingIn(BookingStatus s) =>
        new("b1", "anna", s, new QuoteRequest(PlaceRef.At(50, 11), PlaceRef.At(50.1, 11), T, null), Offer(), T);

    private static Offer Offer() =>
        new("o1", "b1", new VirtualStop(new GeoPoint(50, 11), 0), new VirtualStop(new GeoPoint(50.1, 11), 0),
            T, T.AddMinutes(10), T.AddMinutes(5), T.AddMinutes(20), null, T.AddMinutes(2), "bus-1");

    /// <summary>Calls the domain method that leads to <paramref name="to"/>.</summary>
    private static DispatchResult<Booking>? Move(Booking b, BookingStatus to) => to switch
    {
        BookingStatus.Offered => b.MakeOffer(Offer()),
        BookingStatus.Confirmed => b.Confirm("bus-1"),
        BookingStatus.OnBoard => b.Board(T),
        BookingStatus.Completed => b.Complete(T),
        BookingStatus.Cancelled => b.Cancel(T),
        BookingStatus.NoShow => b.MarkNoShow(T),
        BookingStatus.Disrupted => b.Disrupt(T, "vehicle out of service"),
        BookingStatus.Missed => b.MarkMissed(T, "pickup missed"),
        _ => null, // nothing leads back to Requested
    };

    [Theory]
    [MemberData(nameof(BookingPairs))]
    public void Booking_moves_only_along_the_allowed_transitions(BookingStatus from, BookingStatus to)
    {
        bool allowed = AllowedBooking.Contains((from, to));
        Assert.Equal(allowed, BookingTransitions.IsAllowed(from, to));
        var result = Move(BookingIn(from), to);
        if (result is null)
        {
            Assert.False(allowed);
            return;
        }
        Assert.Equal(allowed, result.IsSuccess);
        if (allowed) Assert.Equal(to, result.Value!.Status);
        else
        {
            Assert.Equal(DispatchErrorCode.FailedPrecondition, result.Error!.Code);
            Assert.Contains(from.ToString(), result.Error.Message);
            Assert.Contains(to.ToString(), result.Error.Message);
        }
    }

    [Fact]
    public void Terminal_booking_states_are_exactly_those_without_an_exit()
    {
        foreach (var s in Enum.GetValues<BookingStatus>())
        {
            bool anyExit = Enum.GetValues<BookingStatus>().Any(t => BookingTransitions.IsAllowed(s, t));
            Assert.Equal(!anyExit, BookingTransitions.IsTerminal(s));
        }
    }

    private static readonly HashSet<(ParcelStatus, ParcelStatus)> AllowedParcel =
    [
        (ParcelStatus.Submitted, ParcelStatus.Planned), (ParcelStatus.Submitted, ParcelStatus.Cancelled),
        (ParcelStatus.Planned, ParcelStatus.PickedUp), (ParcelStatus.Planned, ParcelStatus.Cancelled),
        (ParcelStatus.PickedUp, ParcelStatus.Delivered), (ParcelStatus.PickedUp, ParcelStatus.DeliveredLate),
    ];

    public static TheoryData<ParcelStatus, ParcelStatus> ParcelPairs()
    {
        var d = new TheoryData<ParcelStatus, ParcelStatus>();
        foreach (var a in Enum.GetValues<ParcelStatus>())
            foreach (var b in Enum.GetValues<ParcelStatus>())
                d.Add(a, b);
        return d;
    }

    [Theory]
    [MemberData(nameof(ParcelPairs))]
    public void Parcel_moves_only_along_the_allowed_transitions(ParcelStatus from, ParcelStatus to)
    {
        Assert.Equal(AllowedParcel.Contains((from, to)), Parcel.IsAllowed(from, to));
        var request = new ParcelRequest(PlaceRef.At(50, 11), PlaceRef.At(50.1, 11), 1, T, T.AddHours(2));
        var p = new Parcel("p1", "shop", from, request, new VirtualStop(new GeoPoint(50, 11), 0), new VirtualStop(new GeoPoint(50.1, 11), 0), T);
        DispatchResult<Parcel>? r = to switch
        {
            ParcelStatus.Planned => p.Plan("bus-1"),
            ParcelStatus.PickedUp => p.PickUp(T),
            ParcelStatus.Delivered => p.HandOver(T.AddHours(1)),
            ParcelStatus.DeliveredLate => p.HandOver(T.AddHours(3)),
            ParcelStatus.Cancelled => p.Cancel(T),
            _ => null,
        };
        if (r is null) return; // nothing leads back to Submitted
        Assert.Equal(AllowedParcel.Contains((from, to)), r.IsSuccess);
        if (r.IsSuccess) Assert.Equal(to, r.Value!.Status);
        else Assert.Equal(DispatchErrorCode.FailedPrecondition, r.Error!.Code);
    }

    [Fact]
    public void Vehicle_shift_starts_and_ends_once()
    {
        var v = new FleetVehicle("bus-1", new LoadVector(4), new GeoPoint(50, 11), T, T.AddHours(8));
        var on = v.StartShift();
        Assert.True(on.IsSuccess);
        Assert.Equal(VehicleShiftState.OnShift, on.Value!.State);
        Assert.False(on.Value.StartShift().IsSuccess);
        var off = on.Value.EndShift(DateTimeOffset.UnixEpoch);
        Assert.Equal(VehicleShiftState.OffShift, off.Value!.State);
        Assert.False(off.Value.EndShift(DateTimeOffset.UnixEpoch).IsSuccess);
    }
}
