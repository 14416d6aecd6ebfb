using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;
using StopEventKind = DemandMobility.Dispatch.Domain.StopEventKind;
using DemandMobility.Security;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>
/// The gRPC gateway sends the simulated time only before the next call (one <c>SetClock</c> for however many calls at
/// that time, none for moves nothing follows; none for a stop event, whose time the server takes as its clock), fixes of
/// several vehicles in one stream, and counts its calls by RPC.
/// </summary>
public sealed class GatewayClockTests
{
    [Fact]
    public async Task The_clock_goes_once_before_the_next_call_and_not_for_moves_without_calls()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var scenario = TestScenarios.Small(vehicles: 2, seed: 3);
        var start = GrpcModeTests.StartOf(scenario);
        await using var server = await GrpcModeTests.SimServer.StartAsync(GrpcModeTests.ServerArgs(scenario));
        await using var gateway = await GrpcGateway.ConnectAsync(server.Address, server.Token(Roles.Dispatcher), scenario.Options,
            scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations, start, timeout.Token);
        long SetClocks() => gateway.Calls.Snapshot().Where(c => c.Rpc == "SetClock").Sum(c => c.Calls);

        await gateway.SetClockAsync(start, timeout.Token);
        await gateway.SetClockAsync(start.AddMinutes(1), timeout.Token);
        Assert.Equal(0, SetClocks());
        foreach (var vehicle in scenario.Vehicles) Assert.True((await gateway.RegisterVehicleAsync(vehicle, timeout.Token)).IsSuccess);
        Assert.Equal(1, SetClocks());
        var config = await server.Control.GetConfigAsync(new GetSimulationConfigRequest(), server.As(Roles.Planner)).ResponseAsync;
        Assert.Equal(start.AddMinutes(1), config.Now.ToDateTimeOffset());

        await gateway.SetClockAsync(start.AddMinutes(2), timeout.Token);
        foreach (var vehicle in scenario.Vehicles) Assert.True((await gateway.StartShiftAsync(vehicle.VehicleId, timeout.Token)).IsSuccess);
        var fixes = scenario.Vehicles.Select(v => (v.VehicleId, v.Depot)).ToList();
        Assert.Equal(fixes.Count, await gateway.ReportPositionsAsync(fixes, timeout.Token));
        Assert.Equal(2, SetClocks());
        var streams = gateway.Calls.Snapshot().Single(c => c.Rpc == "ReportPositions");
        Assert.Equal(1, streams.Calls);
        Assert.Equal(scenario.Vehicles.Length, gateway.Calls.Snapshot().Single(c => c.Rpc == "StartShift").Calls);
    }

    [Fact]
    public async Task A_stop_event_moves_the_server_clock_to_its_time_without_a_clock_call()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var scenario = TestScenarios.Small(vehicles: 1, seed: 4);
        var start = GrpcModeTests.StartOf(scenario);
        await using var server = await GrpcModeTests.SimServer.StartAsync(GrpcModeTests.ServerArgs(scenario));
        await using var gateway = await GrpcGateway.ConnectAsync(server.Address, server.Token(Roles.Dispatcher), scenario.Options,
            scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations, start, timeout.Token);
        long SetClocks() => gateway.Calls.Snapshot().Where(c => c.Rpc == "SetClock").Sum(c => c.Calls);
        async Task<DateTimeOffset> ServerNow() =>
            (await server.Control.GetConfigAsync(new GetSimulationConfigRequest(), server.As(Roles.Planner)).ResponseAsync).Now.ToDateTimeOffset();

        var vehicle = scenario.Vehicles[0];
        await gateway.SetClockAsync(start, timeout.Token);
        Assert.True((await gateway.RegisterVehicleAsync(vehicle, timeout.Token)).IsSuccess);
        Assert.True((await gateway.StartShiftAsync(vehicle.VehicleId, timeout.Token)).IsSuccess);
        var random = new Random(4);
        var from = TestScenarios.Near(random, TestRoadNetwork.Travel);
        var to = TestScenarios.Near(random, TestRoadNetwork.Travel);
        var quote = await gateway.RequestQuoteAsync("rider-1", new QuoteRequest(new PlaceRef(from), new PlaceRef(to), start.AddMinutes(30), null), timeout.Token);
        var offer = quote.Value?.Offer ?? throw new Xunit.Sdk.XunitException(quote.Error?.Message ?? "no offer");
        var booking = await gateway.ConfirmOfferAsync("rider-1", offer.OfferId, timeout.Token);
        Assert.True(booking.IsSuccess, booking.Error?.Message);
        Assert.Equal(1, SetClocks());

        // The arrival at the simulated time: the server takes the event's time as its clock; the manifest read at
        // that time needs no clock move either.
        var at = start.AddMinutes(25);
        await gateway.SetClockAsync(at, timeout.Token);
        var arrived = await gateway.ReportStopEventAsync(new StopEvent(vehicle.VehicleId, StopEventKind.Arrived, booking.Value.Id), timeout.Token);
        Assert.True(arrived.IsSuccess, arrived.Error?.Message);
        Assert.Equal(at, await ServerNow());
        Assert.True((await gateway.GetManifestAsync(vehicle.VehicleId, timeout.Token)).IsSuccess);
        Assert.Equal(1, SetClocks());

        // An event the engine refuses moves the server's clock as well (before the engine decides); any other call
        // still moves it itself.
        await gateway.SetClockAsync(at.AddMinutes(1), timeout.Token);
        var refused = await gateway.ReportStopEventAsync(new StopEvent(vehicle.VehicleId, StopEventKind.DroppedOff, "no-such-booking"), timeout.Token);
        Assert.False(refused.IsSuccess);
        Assert.Equal(at.AddMinutes(1), await ServerNow());
        await gateway.SetClockAsync(at.AddMinutes(2), timeout.Token);
        Assert.Equal(1, await gateway.ReportPositionsAsync([(vehicle.VehicleId, vehicle.Depot)], timeout.Token));
        Assert.Equal(2, SetClocks());
        Assert.Equal(at.AddMinutes(2), await ServerNow());
    }

    [Fact]
    public void Call_counts_add_up_per_rpc_and_list_the_most_wall_time_first()
    {
        var stats = new GatewayCallStats();
        stats.Add("GetManifest", TimeSpan.FromMilliseconds(2));
        stats.Add("SetClock", TimeSpan.FromMilliseconds(10));
        stats.Add("GetManifest", TimeSpan.FromMilliseconds(3));

        var rows = stats.Snapshot();
        Assert.Equal(["SetClock", "GetManifest"], rows.Select(r => r.Rpc));
        Assert.Equal(2, rows[1].Calls);
        Assert.Equal(TimeSpan.FromMilliseconds(5), rows[1].Total);
        Assert.Equal("SetClock 1 calls, 0.0 s (10.0 ms each)\nGetManifest 2 calls, 0.0 s (2.5 ms each)", stats.Describe());
    }
}
