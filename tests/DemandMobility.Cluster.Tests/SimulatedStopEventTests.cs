using DemandMobility.Cluster.Engines;
using DemandMobility.Cluster.Simulation;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Optimization.Model;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static DemandMobility.Cluster.Tests.TestRegion;

namespace DemandMobility.Cluster.Tests;

/// <summary>Three silos in simulation mode whose area engines read their areas' simulated clocks (as a simulation server's).</summary>
public sealed class SimulatedEnginesFixture : AreaClusterFixture
{
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddSingleton(new ClusterSimulation(true, SimulatedClusterFixture.Start, 1, 10));
        silo.Services.AddSingleton<IAreaEngineFactory>(sp =>
            new SimulatedAreaEngineFactory(_ => new DispatchOptions(), new StraightLineTravelTimeService(40), sp.GetRequiredService<AreaClocks>()));
    }
}

/// <summary>
/// In simulation mode a stop event's reported time is the simulated time it happened: the vehicle's area applies it
/// at that time (its clock moves forward to it, never back) while the cluster clock stays where <c>SetClock</c> left it.
/// </summary>
public sealed class SimulatedStopEventTests(SimulatedEnginesFixture fixture) : IClassFixture<SimulatedEnginesFixture>
{
    private static readonly CallerIdentity Control = CallerIdentity.Dispatcher("control");

    [PostgresFact]
    public async Task A_stop_event_moves_only_its_areas_clock_to_the_reported_time()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var router = fixture.Router;
        var clock = SimulatedClusterFixture.Start.AddHours(1);
        Assert.True((await router.SetSimulatedTimeAsync(clock).WaitAsync(timeout.Token)).IsSuccess);
        var registered = await router.RegisterVehicleAsync(Control, new VehicleRegistration("west.bus-s", new LoadVector(8, 1, 0, 2),
            Centre(0).Coordinate!.Value, SimulatedClusterFixture.Start, SimulatedClusterFixture.Start.AddHours(12))).WaitAsync(timeout.Token);
        Assert.True(registered.IsSuccess, registered.Error?.Message);
        Assert.True((await router.StartShiftAsync(Control, "west.bus-s").WaitAsync(timeout.Token)).IsSuccess);
        var rider = CallerIdentity.Rider("rider-s");
        var quote = await router.RequestQuoteAsync(rider, new QuoteRequest(Centre(0, kmNorth: 2), Centre(0, kmNorth: 3), clock.AddMinutes(20), null))
            .WaitAsync(timeout.Token);
        var offer = quote.Value?.Offer ?? throw new Xunit.Sdk.XunitException(quote.Error?.Message ?? "no offer");
        var booking = await router.ConfirmOfferAsync(rider, offer.OfferId).WaitAsync(timeout.Token);
        Assert.True(booking.IsSuccess, booking.Error?.Message);

        var at = clock.AddMinutes(7);
        var arrived = await router.ReportStopEventAsync(Control, new StopEvent("west.bus-s", StopEventKind.Arrived, booking.Value.Id), "ev-1", at)
            .WaitAsync(timeout.Token);
        Assert.True(arrived.IsSuccess, arrived.Error?.Message);
        Assert.Equal(at, arrived.Value.RecordedAt);
        Assert.Equal(clock, await router.GetSimulatedTimeAsync().WaitAsync(timeout.Token));

        // An event reported for an earlier time is applied at the area's time: the clock never moves back.
        var again = await router.ReportStopEventAsync(Control, new StopEvent("west.bus-s", StopEventKind.Arrived, booking.Value.Id), "ev-2", at.AddMinutes(-3))
            .WaitAsync(timeout.Token);
        Assert.True(again.IsSuccess, again.Error?.Message);
        Assert.Equal(at, again.Value.RecordedAt);
        // Without a reported time the area's own clock stamps it.
        var unstamped = await router.ReportStopEventAsync(Control, new StopEvent("west.bus-s", StopEventKind.Arrived, booking.Value.Id), "ev-3", null)
            .WaitAsync(timeout.Token);
        Assert.True(unstamped.IsSuccess, unstamped.Error?.Message);
        Assert.Equal(at, unstamped.Value.RecordedAt);
    }
}
