using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>School transport: service groups tie pupils to their school's vehicles; per-trip ride-time limits hold.</summary>
public sealed class ServiceGroupAndPupilTests
{
    private static async Task RegisterGroupVehicleAsync(Harness h, string id, string group, double kmEast)
    {
        var r = await h.Engine.RegisterVehicleAsync(Control, new VehicleRegistration(id, new LoadVector(8, 1, 0, 2),
            P(0, kmEast), Start, Start.AddHours(12), group));
        Assert.True(r.IsSuccess, r.Error?.Message);
        Assert.True((await h.Engine.StartShiftAsync(Control, id)).IsSuccess);
    }

    private static QuoteRequest Pupil(double fromKmEast, string group, TimeSpan? maxRide = null) =>
        new(At(2, fromKmEast), At(6, fromKmEast), null, Start.AddMinutes(50), 1, 0, 0, RiderKind.Pupil, maxRide, group);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pupils_ride_only_in_their_schools_vehicles(bool exhaustive)
    {
        var h = await CreateAsync(exhaustive: exhaustive);
        await RegisterGroupVehicleAsync(h, "school-a-bus", "school-a", kmEast: 0);
        await RegisterGroupVehicleAsync(h, "school-b-bus", "school-b", kmEast: 20);

        // The pupil lives next to school A's depot but goes to school B: only B's bus may carry them.
        var nearA = await h.BookAsync("p1", Pupil(0.5, "school-b"));
        var nearB = await h.BookAsync("p2", Pupil(19.5, "school-a"));

        Assert.Equal("school-b-bus", nearA.VehicleId);
        Assert.Equal("school-a-bus", nearB.VehicleId);
    }

    [Fact]
    public async Task A_general_trip_is_not_given_to_a_group_vehicle()
    {
        var h = await CreateAsync();
        await RegisterGroupVehicleAsync(h, "school-a-bus", "school-a", kmEast: 0);

        var q = await h.Engine.RequestQuoteAsync(CallerIdentity.Rider("r1"), Trip(At(1, 0), At(4, 0), Start.AddMinutes(10)));

        Assert.True(q.IsSuccess, q.Error?.Message);
        Assert.Null(q.Value!.Offer);
        Assert.Equal(QuoteRejectionReason.NoCapacity, q.Value.Rejection!.Code);
    }

    [Theory]
    [InlineData("no-such-school", "No vehicle is registered for service group")]
    [InlineData("bad group!", "serviceGroup must be")]
    public async Task An_unknown_or_malformed_group_is_rejected_naming_the_field(string group, string message)
    {
        var h = await CreateAsync();
        await RegisterGroupVehicleAsync(h, "school-a-bus", "school-a", kmEast: 0);

        var q = await h.Engine.RequestQuoteAsync(Control, Pupil(0.5, group));

        Assert.False(q.IsSuccess);
        Assert.Equal(DispatchErrorCode.InvalidArgument, q.Error!.Code);
        Assert.Equal("serviceGroup", q.Error.Field);
        Assert.Contains(message, q.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ride_time_limit_below_the_direct_trip_is_rejected()
    {
        var h = await CreateAsync();
        await RegisterGroupVehicleAsync(h, "school-a-bus", "school-a", kmEast: 0);

        // 4 km at 40 km/h take 6 minutes.
        var q = await h.Engine.RequestQuoteAsync(Control, Pupil(0.5, "school-a", TimeSpan.FromMinutes(3)));

        Assert.False(q.IsSuccess);
        Assert.Equal("maxRideTime", q.Error!.Field);
    }

    [Fact]
    public async Task A_tight_ride_time_limit_stops_pooling_that_would_break_it()
    {
        var h = await CreateAsync();
        await RegisterGroupVehicleAsync(h, "bus", "school-a", kmEast: 0);
        // Pupil 1 may ride at most 7 minutes for a 6-minute direct trip (boarding takes 30 s).
        var tight = await h.BookAsync("p1", Pupil(0, "school-a", TimeSpan.FromMinutes(7)));
        // Pupil 2 lives 3 km aside; picking them up between pupil 1's pickup and drop-off would take far longer.
        var other = await h.BookAsync("p2", Pupil(3, "school-a"));

        var plan = await h.Engine.GetPlanAsync();
        var stops = plan["bus"];
        var pickup = stops.Single(s => s.SubjectId == tight.Id && s.Kind == StopKind.Pickup);
        var dropoff = stops.Single(s => s.SubjectId == tight.Id && s.Kind == StopKind.Delivery);
        Assert.True((dropoff.ServiceStart - pickup.Departure).TotalMinutes <= 7.0001,
            $"pupil 1 rides {(dropoff.ServiceStart - pickup.Departure).TotalMinutes:F1} min");
        Assert.Contains(stops, s => s.SubjectId == other.Id);
    }

    [Fact]
    public async Task Pupil_kind_group_and_limit_survive_a_restart()
    {
        var h = await CreateAsync();
        await RegisterGroupVehicleAsync(h, "school-a-bus", "school-a", kmEast: 0);
        var booked = await h.BookAsync("p1", Pupil(0.5, "school-a", TimeSpan.FromMinutes(20)));

        await h.ReopenAsync();

        var view = await h.ViewAsync(booked.Id);
        Assert.Equal(RiderKind.Pupil, view.Booking.Request.RiderKind);
        Assert.Equal("school-a", view.Booking.Request.ServiceGroup);
        Assert.Equal(TimeSpan.FromMinutes(20), view.Booking.Request.MaxRideTime);
        // After the restart the vehicle's group still binds: another school's pupil finds no vehicle, its own school's does.
        var q = await h.Engine.RequestQuoteAsync(Control, Pupil(0.5, "school-b"));
        Assert.Equal("serviceGroup", q.Error?.Field);
        var second = await h.BookAsync("p2", Pupil(1, "school-a"));
        Assert.Equal("school-a-bus", second.VehicleId);
    }
}
