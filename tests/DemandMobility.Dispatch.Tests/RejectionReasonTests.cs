using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

public sealed class RejectionReasonTests
{
    private static async Task<QuoteRejection> RejectionOf(Harness h, QuoteRequest request)
    {
        var q = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("ben"), request);
        Assert.True(q.IsSuccess, q.Error?.Message);
        Assert.Null(q.Value!.Offer);
        return q.Value.Rejection!;
    }

    [Fact]
    public async Task Without_any_vehicle_the_request_is_outside_service_hours()
    {
        var h = await CreateAsync();
        var r = await RejectionOf(h, Trip(At(1, 0), At(5, 0), Start.AddMinutes(10)));
        Assert.Equal(QuoteRejectionReason.OutsideServiceHours, r.Code);
        Assert.Equal(1, (await h.Engine.GetKpisAsync(Control)).Value!.Rejected);
    }

    [Fact]
    public async Task A_time_no_shift_covers_is_outside_service_hours()
    {
        var h = await CreateAsync();
        await h.AddVehicleAsync("bus-1", shiftStart: Start, shiftEnd: Start.AddHours(8));
        var r = await RejectionOf(h, Trip(At(1, 0), At(5, 0), Start.AddHours(20)));
        Assert.Equal(QuoteRejectionReason.OutsideServiceHours, r.Code);
    }

    [Fact]
    public async Task A_full_vehicle_on_shift_means_no_capacity()
    {
        var h = await CreateAsync(new DispatchOptions { MaxWait = TimeSpan.FromMinutes(5) });
        await h.AddVehicleAsync("bus-1", seats: 1);
        await h.BookAsync("anna", Trip(At(1, 0), At(9, 0), Start.AddMinutes(10)));
        var r = await RejectionOf(h, Trip(At(1, 0), At(9, 0), Start.AddMinutes(10)));
        Assert.Equal(QuoteRejectionReason.NoCapacity, r.Code);
    }

    [Fact]
    public async Task A_point_outside_the_area_is_rejected_not_failed_and_changes_no_plan()
    {
        var area = new ServiceArea([P(-10, -10), P(-10, 10), P(10, 10), P(10, -10)]);
        var h = await CreateAsync(new DispatchOptions { ServiceArea = area });
        await h.AddVehicleAsync("bus-1");
        var r = await RejectionOf(h, Trip(At(1, 0), At(30, 0), Start.AddMinutes(10)));
        Assert.Equal(QuoteRejectionReason.OutsideServiceArea, r.Code);
        Assert.Empty(r.AlternativeTimes);
        Assert.Empty(await h.Engine.GetPlanAsync());
        // Inside the area the same vehicle serves the trip.
        await h.OfferAsync("ben", Trip(At(1, 0), At(5, 0), Start.AddMinutes(10)));
    }

    [Fact]
    public async Task A_malformed_coordinate_is_still_an_invalid_argument()
    {
        var area = new ServiceArea([P(-10, -10), P(-10, 10), P(10, 10), P(10, -10)]);
        var h = await CreateAsync(new DispatchOptions { ServiceArea = area });
        var q = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("ben"),
            Trip(new PlaceRef(new GeoPoint(95, 11.5)), At(5, 0), Start.AddMinutes(10)));
        Assert.Equal(DispatchErrorCode.InvalidArgument, q.Error!.Code);
        Assert.Equal("origin.latitude", q.Error.Field);
    }
}
