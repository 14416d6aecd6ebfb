using DemandMobility.Contracts.V1;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using Google.Protobuf.WellKnownTypes;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>The control room's fleet stream and KPIs through real gRPC calls.</summary>
public sealed class MonitorTests
{
    [Fact]
    public async Task Watch_fleet_sends_a_snapshot_of_every_vehicle_in_service()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var planner = server.Token(Roles.Planner, "planning");
        using var cts = new CancellationTokenSource();
        using var watch = server.Monitor.WatchFleet(new WatchFleetRequest(), DispatchTestServer.As(planner, cts.Token));
        var seen = new HashSet<string>();
        while (seen.Count < 6 && await watch.ResponseStream.MoveNext()) seen.Add(watch.ResponseStream.Current.Position.VehicleId);
        Assert.Equal(["bus-1", "bus-2", "bus-3", "bus-4", "bus-5", "bus-6"], seen.Order());
        cts.Cancel();

        using var filtered = server.Monitor.WatchFleet(new WatchFleetRequest { VehicleIds = { "bus-2" } }, DispatchTestServer.As(planner));
        Assert.True(await filtered.ResponseStream.MoveNext());
        Assert.Equal("bus-2", filtered.ResponseStream.Current.Position.VehicleId);
    }

    [Fact]
    public async Task Open_streams_end_with_unavailable_when_the_server_shuts_down()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        using var fleet = server.Monitor.WatchFleet(new WatchFleetRequest { VehicleIds = { "bus-1" } }, DispatchTestServer.As(Scenario.Dispatcher(server)));
        Assert.True(await fleet.ResponseStream.MoveNext());
        using var manifest = server.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = "bus-1" }, DispatchTestServer.As(Scenario.Dispatcher(server)));
        Assert.True(await manifest.ResponseStream.MoveNext());

        var stopping = server.StopAsync();
        foreach (var stream in new Func<Task<bool>>[] { () => fleet.ResponseStream.MoveNext(), () => manifest.ResponseStream.MoveNext() })
        {
            var error = await Scenario.FailsAsync(stream);
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        }
        await stopping;
    }

    [Fact]
    public async Task Kpis_check_the_period_and_the_role()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var now = server.Clock.GetUtcNow();
        var planner = server.Token(Roles.Planner, "planning");

        var kpis = await server.Monitor.GetKpisAsync(new GetKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(now.AddDays(-7)), To = Timestamp.FromDateTimeOffset(now),
        }, DispatchTestServer.As(planner));
        Assert.Equal(0, kpis.Served);

        var tooLong = await Scenario.FailsAsync(() => server.Monitor.GetKpisAsync(new GetKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(now.AddDays(-40)), To = Timestamp.FromDateTimeOffset(now),
        }, DispatchTestServer.As(planner)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, tooLong.StatusCode);
        Assert.StartsWith("to:", tooLong.Status.Detail);

        var missing = await Scenario.FailsAsync(() => server.Monitor.GetKpisAsync(new GetKpisRequest(), DispatchTestServer.As(planner)).ResponseAsync);
        Assert.StartsWith("from:", missing.Status.Detail);

        var rider = await Scenario.FailsAsync(() => server.Monitor.GetKpisAsync(new GetKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(now.AddDays(-1)), To = Timestamp.FromDateTimeOffset(now),
        }, DispatchTestServer.As(Scenario.Rider(server))).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, rider.StatusCode);
    }
}
