using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Grains;
using DemandMobility.Cluster.Hosting;
using DemandMobility.Cluster.Routing;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Cluster.Tests.TestRegion;

namespace DemandMobility.Cluster.Tests;

/// <summary>
/// Placement, routing and re-activation of service areas on three in-process silos with the area stores in
/// PostgreSQL (skipped without DM_TEST_POSTGRES, failing under CI=true).
/// </summary>
public sealed class ServiceAreaClusterTests(AreaClusterFixture fixture) : IClassFixture<AreaClusterFixture>
{
    private static readonly CallerIdentity Control = CallerIdentity.Dispatcher("control");
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [PostgresFact]
    public async Task Every_silo_reaches_the_one_activation_of_an_area()
    {
        using var timeout = new CancellationTokenSource(Limit);
        foreach (var area in ServiceAreas)
        {
            var seen = new HashSet<string>();
            foreach (var silo in fixture.Cluster.Silos)
                seen.Add((await fixture.RouterOn(silo).Area(area.Id).DescribeAsync().WaitAsync(timeout.Token)).Silo);
            seen.Add((await fixture.Router.Area(area.Id).DescribeAsync().WaitAsync(timeout.Token)).Silo);
            var host = Assert.Single(seen);
            Assert.Contains(fixture.Cluster.Silos, s => s.SiloAddress.ToString() == host);
        }
    }

    [PostgresFact]
    public async Task A_trip_is_booked_in_the_area_of_its_origin_and_its_ids_name_that_area()
    {
        using var timeout = new CancellationTokenSource(Limit);
        await AddBusAsync("middle.bus-a", 1);
        var booking = await BookAsync("rider-1", Centre(1), Centre(0, kmNorth: 4)).WaitAsync(timeout.Token);
        Assert.StartsWith("middle.", booking.Id);
        Assert.Equal("middle.bus-a", booking.VehicleId);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);

        // Any silo finds it by its id alone.
        foreach (var silo in fixture.Cluster.Silos)
        {
            var view = await fixture.RouterOn(silo).GetBookingAsync(CallerIdentity.Rider("rider-1"), booking.Id).WaitAsync(timeout.Token);
            Assert.True(view.IsSuccess, view.Error?.Message);
            Assert.Equal(booking.Id, view.Value.Booking.Id);
        }
    }

    [PostgresFact]
    public async Task Trips_outside_the_areas_or_into_a_closed_neighbour_are_refused_with_the_field_named()
    {
        using var timeout = new CancellationTokenSource(Limit);
        var outside = await fixture.Router.RequestQuoteAsync(CallerIdentity.Rider("r"), Trip(At(-5, 5), Centre(0))).WaitAsync(timeout.Token);
        Assert.Equal(("origin", DispatchErrorCode.InvalidArgument), (outside.Error?.Field, outside.Error!.Code));
        var closed = await fixture.Router.RequestQuoteAsync(CallerIdentity.Rider("r"), Trip(Centre(1), Centre(2))).WaitAsync(timeout.Token);
        Assert.Equal("destination", closed.Error?.Field);
        Assert.Contains("'middle'", closed.Error!.Message);
        var unknownArea = await fixture.Router.GetBookingAsync(Control, "nowhere.b-1").WaitAsync(timeout.Token);
        Assert.Equal(DispatchErrorCode.NotFound, unknownArea.Error?.Code);
        var unscoped = await fixture.Router.ConfirmOfferAsync(CallerIdentity.Rider("r"), "o-1").WaitAsync(timeout.Token);
        Assert.Equal("offerId", unscoped.Error?.Field);
    }

    [PostgresFact]
    public async Task A_deactivated_area_comes_back_from_PostgreSQL_with_its_confirmed_bookings()
    {
        using var timeout = new CancellationTokenSource(Limit);
        await AddBusAsync("west.bus-d", 0);
        var booking = await BookAsync("rider-2", Centre(0, kmNorth: 3), Centre(0, kmNorth: 7)).WaitAsync(timeout.Token);
        var grain = fixture.Router.Area("west");
        var before = await grain.DescribeAsync().WaitAsync(timeout.Token);

        await fixture.Cluster.DeactivateAsync(grain).WaitAsync(timeout.Token);

        var after = await grain.DescribeAsync().WaitAsync(timeout.Token);
        Assert.True(after.ActivatedAt > before.ActivatedAt, "the area was not re-activated");
        Assert.True(after.LastSequence >= before.LastSequence);
        var view = await fixture.Router.GetBookingAsync(Control, booking.Id).WaitAsync(timeout.Token);
        Assert.True(view.IsSuccess, view.Error?.Message);
        Assert.Equal(BookingStatus.Confirmed, view.Value.Booking.Status);
        Assert.Equal(booking.Offer!.PromisedPickupStart, view.Value.Booking.Offer!.PromisedPickupStart);
    }

    [PostgresFact]
    public async Task When_the_hosting_silo_stops_the_area_moves_to_another_silo_without_losing_bookings()
    {
        using var timeout = new CancellationTokenSource(Limit);
        await AddBusAsync("east.bus-s", 2);
        var booking = await BookAsync("rider-3", Centre(2, kmNorth: 2), Centre(2, kmNorth: 8)).WaitAsync(timeout.Token);
        var grain = fixture.Router.Area("east");
        // Membership is in PostgreSQL, so no silo is special: stop whichever hosts the area.
        var hostAddress = (await grain.DescribeAsync().WaitAsync(timeout.Token)).Silo;
        var secondary = fixture.Cluster.Silos.Single(s => s.SiloAddress.ToString() == hostAddress);

        await fixture.Cluster.StopSiloAsync(secondary).WaitAsync(timeout.Token);

        var moved = await RetryAsync(() => grain.DescribeAsync(), timeout.Token);
        Assert.NotEqual(secondary.SiloAddress.ToString(), moved.Silo);
        var view = await RetryAsync(() => fixture.Router.GetBookingAsync(Control, booking.Id), timeout.Token);
        Assert.True(view.IsSuccess, view.Error?.Message);
        Assert.Equal(BookingStatus.Confirmed, view.Value.Booking.Status);
        // Quoting works again in the moved area.
        var quote = await fixture.Router.RequestQuoteAsync(CallerIdentity.Rider("rider-4"), Trip(Centre(2, kmNorth: 3), Centre(2, kmNorth: 6)))
            .WaitAsync(timeout.Token);
        Assert.True(quote.IsSuccess && quote.Value.Offer is not null, quote.Error?.Message ?? quote.Value?.Rejection?.Reason.ToString());
    }

    [PostgresFact]
    public async Task Membership_and_the_area_rounds_live_in_PostgreSQL()
    {
        using var timeout = new CancellationTokenSource(Limit);
        await fixture.Router.Area("middle").DescribeAsync().WaitAsync(timeout.Token);
        await using var connection = new Npgsql.NpgsqlConnection(PostgresFactAttribute.RequireConnectionString());
        await connection.OpenAsync(timeout.Token);
        await using var silos = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @c AND Status = 3", connection);
        silos.Parameters.AddWithValue("c", fixture.Cluster.Options.ClusterId);
        Assert.True((long)(await silos.ExecuteScalarAsync(timeout.Token))! >= 2, "active silos are not in the membership table");
        await using var reminders = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM OrleansRemindersTable WHERE ServiceId = @s AND ReminderName = @r AND GrainId LIKE '%middle%'", connection);
        reminders.Parameters.AddWithValue("s", fixture.Cluster.Options.ServiceId);
        reminders.Parameters.AddWithValue("r", ServiceAreaGrain.RoundReminder);
        Assert.Equal(1L, (long)(await reminders.ExecuteScalarAsync(timeout.Token))!);
    }

    [PostgresFact]
    public async Task GPS_fixes_go_in_one_batch_per_area_and_answer_with_the_callers_indices()
    {
        using var timeout = new CancellationTokenSource(Limit);
        await AddBusAsync("west.bus-g", 0);
        await AddBusAsync("east.bus-g", 2);
        var now = DateTimeOffset.UtcNow;
        PositionReport Fix(string vehicle, int area, int secondsAgo) =>
            new(vehicle, Centre(area, kmNorth: 5.1).Coordinate!.Value, now.AddSeconds(-secondsAgo), 90, 8);

        var both = await fixture.Router.ReportPositionsAsync(Control,
            [Fix("east.bus-g", 2, 20), Fix("west.bus-g", 0, 20), Fix("east.bus-g", 2, 10)]).WaitAsync(timeout.Token);
        Assert.Null(both.Stop);
        Assert.Equal(3, both.Accepted);
        Assert.Equal(2, both.LastAcceptedIndex);

        // An id without an area stops the batch before any area is called; an unknown vehicle ends it with NotFound.
        var unscoped = await fixture.Router.ReportPositionsAsync(Control, [Fix("west.bus-g", 0, 5), Fix("bus-g", 0, 5)]).WaitAsync(timeout.Token);
        Assert.Equal(DispatchErrorCode.InvalidArgument, unscoped.Stop?.Code);
        Assert.Equal(0, unscoped.Accepted);
        var unknown = await fixture.Router.ReportPositionsAsync(Control, [Fix("middle.bus-none", 1, 5)]).WaitAsync(timeout.Token);
        Assert.Equal(DispatchErrorCode.NotFound, unknown.Stop?.Code);
    }

    [PostgresFact]
    public async Task A_watch_of_an_unknown_vehicle_answers_with_the_refusal_only()
    {
        using var timeout = new CancellationTokenSource(Limit);
        var views = new List<DispatchResult<Dispatch.Views.ManifestView>>();
        await foreach (var view in fixture.Router.WatchManifestAsync(Control, "middle.bus-unknown", timeout.Token)) views.Add(view);
        var only = Assert.Single(views);
        Assert.Equal(DispatchErrorCode.NotFound, only.Error?.Code);
    }

    private static QuoteRequest Trip(PlaceRef from, PlaceRef to) => new(from, to, DateTimeOffset.UtcNow.AddMinutes(20), null);

    private async Task AddBusAsync(string vehicleId, int areaIndex)
    {
        var now = DateTimeOffset.UtcNow;
        var depot = Centre(areaIndex).Coordinate!.Value;
        var registered = await fixture.Router.RegisterVehicleAsync(Control,
            new VehicleRegistration(vehicleId, new LoadVector(8, 1, 0, 2), depot, now.AddHours(-1), now.AddHours(12)));
        Assert.True(registered.IsSuccess, registered.Error?.Message);
        Assert.Equal(vehicleId, registered.Value.Id);
        var started = await fixture.Router.StartShiftAsync(Control, vehicleId);
        Assert.True(started.IsSuccess, started.Error?.Message);
    }

    private async Task<Booking> BookAsync(string rider, PlaceRef from, PlaceRef to)
    {
        var caller = CallerIdentity.Rider(rider);
        var quote = await fixture.Router.RequestQuoteAsync(caller, Trip(from, to));
        Assert.True(quote.IsSuccess, quote.Error?.Message);
        Assert.True(quote.Value.Offer is not null, quote.Value.Rejection?.Reason.ToString());
        var confirmed = await fixture.Router.ConfirmOfferAsync(caller, quote.Value.Offer.OfferId);
        Assert.True(confirmed.IsSuccess, confirmed.Error?.Message);
        return confirmed.Value;
    }

    // While membership learns of the stopped silo, calls can fail; retry until the deadline.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try { return await call().WaitAsync(TimeSpan.FromSeconds(10), cancellationToken); }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(250, cancellationToken);
            }
        }
    }
}
