using System.Globalization;
using System.Text.Json;
using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// A third-party client (@grpc/grpc-js loading our real .proto files) calls every RPC of the four services against
/// the real server: tests/interop/dispatch_client.js.
/// </summary>
public sealed class DispatchInteropTests
{
    [NodeInteropFact]
    public async Task Node_grpc_js_calls_every_rpc_of_the_dispatch_services()
    {
        if (NodeInterop.MissingReason is { } reason) Assert.Fail(reason + " CI=true requires the interop test: run tests/interop/install.sh first.");
        using var dir = new TempDirectory();
        await using var server = await DispatchTestServer.StartAsync(dir.Path);
        var tokens = new Dictionary<string, string>
        {
            ["rider"] = server.Token(Roles.Rider, "node-alice"),
            ["otherRider"] = server.Token(Roles.Rider, "node-bob"),
            ["dispatcher"] = server.Token(Roles.Dispatcher, "node-control"),
            ["planner"] = server.Token(Roles.Planner, "node-planning"),
            ["shop"] = server.Token(Roles.Shop, "node-shop"),
            ["driver"] = server.Token(Roles.Driver, "node-driver", "bus-node"),
            ["driverVehicle"] = "bus-node",
        };
        var tokenFile = dir.File("tokens.json");
        await File.WriteAllTextAsync(tokenFile, JsonSerializer.Serialize(tokens));

        var (exit, stdout, stderr) = await NodeInterop.RunAsync($"127.0.0.1:{server.Address.Port}", "--tokens", tokenFile,
            "--now", server.Clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        Assert.True(exit == 0, $"node exited with {exit}.\nstderr:\n{stderr}\nstdout:\n{stdout}");

        using var document = JsonDocument.Parse(stdout);
        var results = document.RootElement.GetProperty("results");
        string context = "interop output:\n" + stdout;
        JsonElement Ok(string name)
        {
            var result = results.GetProperty(name);
            Assert.True(result.GetProperty("ok").GetBoolean(), $"{name} failed. {context}");
            return result.GetProperty("response");
        }
        void Fails(string name, StatusCode code)
        {
            var result = results.GetProperty(name);
            Assert.False(result.GetProperty("ok").GetBoolean(), $"{name} should fail. {context}");
            Assert.Equal((int)code, result.GetProperty("code").GetInt32());
        }

        Assert.Equal("offer", Ok("requestQuote").GetProperty("result").GetString());
        Assert.Equal("BOOKING_STATUS_CONFIRMED", Ok("confirmOffer").GetProperty("status").GetString());
        Assert.Equal("node-alice", Ok("getBooking").GetProperty("rider_id").GetString());
        Assert.Equal("BOOKING_STATUS_CONFIRMED", Ok("watchBooking").GetProperty("booking").GetProperty("status").GetString());
        Fails("getBookingOtherRider", StatusCode.NotFound);
        Assert.Equal("BOOKING_STATUS_CANCELLED", Ok("cancelBooking").GetProperty("status").GetString());
        Fails("quoteWithoutToken", StatusCode.Unauthenticated);
        Fails("quoteInvalid", StatusCode.InvalidArgument);
        Assert.StartsWith("passengers", results.GetProperty("quoteInvalid").GetProperty("details").GetString());

        Assert.Equal("PARCEL_STATUS_ACCEPTED", Ok("submitParcel").GetProperty("parcel").GetProperty("status").GetString());
        Assert.Equal(Ok("submitParcel").GetProperty("parcel").GetProperty("parcel_id").GetString(), Ok("getParcel").GetProperty("parcel_id").GetString());
        Assert.Equal("PARCEL_STATUS_CANCELLED", Ok("cancelParcel").GetProperty("status").GetString());

        Assert.Equal("bus-node", Ok("registerVehicle").GetProperty("vehicle_id").GetString());
        Assert.Equal("VEHICLE_STATUS_IN_SERVICE", Ok("startShift").GetProperty("status").GetString());
        Assert.Equal(2, Ok("reportPositions").GetProperty("accepted").GetInt32());
        var manifest = Ok("watchManifest");
        string bookingB = document.RootElement.GetProperty("bookingB").GetString()!;
        Assert.Contains(manifest.GetProperty("stops").EnumerateArray(),
            stop => stop.GetProperty("boarding").EnumerateArray().Any(p => p.GetProperty("booking_id").GetString() == bookingB));
        Assert.True(long.Parse(Ok("reportStopEvent").GetProperty("manifest_version").GetString()!, CultureInfo.InvariantCulture) > 0);
        Fails("startShiftOtherVehicle", StatusCode.PermissionDenied);
        Assert.Equal("VEHICLE_STATUS_OFF_SHIFT", Ok("endShift").GetProperty("status").GetString());

        Assert.StartsWith("bus-", Ok("watchFleet").GetProperty("position").GetProperty("vehicle_id").GetString());
        Assert.Equal(0, Ok("getKpis").GetProperty("served").GetInt32());
        Fails("resetLearnedTravelTimesPlanner", StatusCode.PermissionDenied);
        // The test server does not learn travel times (Learning:Enabled defaults to false).
        Fails("resetLearnedTravelTimes", StatusCode.FailedPrecondition);
    }
}
