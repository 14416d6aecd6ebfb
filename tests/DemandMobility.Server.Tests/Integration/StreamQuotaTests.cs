using DemandMobility.Contracts.V1;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using DemandMobility.Server.Services;
using Microsoft.Extensions.DependencyInjection;

namespace DemandMobility.Server.Tests.Integration;

/// <summary><c>Dispatch:MaxStreamsPerCaller</c>: one caller's open server streams are capped; others are unaffected.</summary>
public sealed class StreamQuotaTests
{
    [Fact]
    public async Task Streams_over_the_cap_fail_with_resource_exhausted_until_one_closes()
    {
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path,
            new Dictionary<string, string?> { ["Dispatch:MaxStreamsPerCaller"] = "2" });
        var control = server.Token(Roles.Dispatcher, "control");
        var quota = server.Services.GetRequiredService<StreamQuota>();

        using var first = new CancellationTokenSource();
        using var fleet = server.Monitor.WatchFleet(new WatchFleetRequest { VehicleIds = { "bus-1" } }, DispatchTestServer.As(control, first.Token));
        Assert.True(await fleet.ResponseStream.MoveNext());
        using var manifest = server.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = "bus-1" }, DispatchTestServer.As(control));
        Assert.True(await manifest.ResponseStream.MoveNext());

        using var third = server.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = "bus-2" }, DispatchTestServer.As(control));
        var refused = await Assert.ThrowsAsync<RpcException>(() => third.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("MaxStreamsPerCaller", refused.Status.Detail);

        // Another caller has its own allowance.
        var planner = server.Token(Roles.Planner, "planning");
        using var other = server.Monitor.WatchFleet(new WatchFleetRequest { VehicleIds = { "bus-1" } }, DispatchTestServer.As(planner));
        Assert.True(await other.ResponseStream.MoveNext());

        // Closing one stream frees its slot.
        first.Cancel();
        fleet.Dispose();
        var caller = new CallerContext(Roles.Dispatcher, "control", null);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (quota.OpenFor(caller) > 1 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.Equal(1, quota.OpenFor(caller));
        using var again = server.Fleet.WatchManifest(new WatchManifestRequest { VehicleId = "bus-2" }, DispatchTestServer.As(control));
        Assert.True(await again.ResponseStream.MoveNext());
    }
}
