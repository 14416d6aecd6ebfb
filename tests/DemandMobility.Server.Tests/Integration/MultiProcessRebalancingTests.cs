using System.Diagnostics;
using System.Globalization;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Persistence;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Xunit.Abstractions;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// Two servers in cluster mode as OS processes with the balancing round every 2 s. Silo 1 hosts both areas while a
/// client books continuously through it; silo 2 starts and takes one area; silo 2 is killed with SIGKILL (its area
/// comes back to silo 1) and restarted on its ports: it takes an area again. No confirmed booking is lost, and the
/// client sees only retryable answers.
/// </summary>
[Collection(nameof(FailoverCollection))]
public sealed class MultiProcessRebalancingTests(ITestOutputHelper output)
{
    private static readonly string[] Areas = ["west", "east"];

    /// <summary>How long a joining silo may wait for its area: one round to settle, one to move, plus start-up slack.</summary>
    private static readonly TimeSpan MoveBound = TimeSpan.FromSeconds(60);

    [PostgresFact]
    [Trait("Category", "Failover")]
    public async Task A_restarted_silo_gets_areas_back_without_losing_a_confirmed_booking()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "rb" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var silos = new SiloProcess?[2];
        try
        {
            var issuer = new TokenIssuer(new JwtOptions(), new SigningKeySource(new JwtOptions(), dir.Path), TimeProvider.System);
            string Token(string role, string subject) => issuer.Issue(new CallerContext(role, subject, null), TimeSpan.FromHours(1));
            var settings = MultiProcessFailoverTests.Settings(dir.Path, connectionString, id);
            settings["Cluster:Rebalancing:Interval"] = "00:00:02";
            var ports = Enumerable.Range(0, 2).Select(_ => (Grpc: SiloProcess.FreePort(), Silo: SiloProcess.FreePort(), Gateway: SiloProcess.FreePort())).ToArray();
            SiloProcess StartSilo(int i) => silos[i] = SiloProcess.Start($"silo-{i + 1}", ports[i].Grpc, new Dictionary<string, string>(settings)
            {
                ["Cluster:SiloPort"] = ports[i].Silo.ToString(CultureInfo.InvariantCulture),
                ["Cluster:GatewayPort"] = ports[i].Gateway.ToString(CultureInfo.InvariantCulture),
            });

            var first = StartSilo(0);
            await first.WaitListeningAsync(timeout.Token);
            var dispatcher = new CallOptions(new Metadata { { "authorization", "Bearer " + Token(Roles.Dispatcher, "ops") } },
                DateTime.UtcNow.AddSeconds(120), timeout.Token);
            var now = DateTimeOffset.UtcNow;
            // Three buses per area, as in the failover test, so the continuous booking does not fill the plan.
            foreach (var vehicleId in Areas.SelectMany(a => Enumerable.Range(1, 3).Select(v => $"{a}.bus-{v}")))
            {
                var area = vehicleId.Split('.')[0];
                await MultiProcessFailoverTests.RetryUnavailableAsync(() => first.Fleet.RegisterVehicleAsync(new RegisterVehicleRequest
                {
                    VehicleId = vehicleId,
                    Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 2, Luggage = 2 },
                    Depot = area == "west" ? Scenario.Destination : Scenario.Origin,
                    Shift = new Shift { Start = Timestamp.FromDateTimeOffset(now.AddMinutes(-10)), End = Timestamp.FromDateTimeOffset(now.AddHours(13)) },
                }, dispatcher).ResponseAsync, timeout.Token);
                await MultiProcessFailoverTests.RetryUnavailableAsync(() => first.Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = vehicleId }, dispatcher).ResponseAsync, timeout.Token);
            }
            Assert.Equal(Areas.Order(), first.ActivatedAreas.Distinct().Order());

            // Continuous booking through silo 1, which stays up all along.
            var riderToken = Token(Roles.Rider, "rider-rb");
            var load = new BookingLoad(riderToken);
            using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            var loadTask = load.RunAsync(() => first, stopLoad.Token);
            await UntilAsync(() => Areas.All(a => load.Confirmed.Count(c => c.Area == a) >= 2), "bookings in both areas through silo 1", load, timeout.Token);

            // Silo 2 joins and is given an area.
            var joined = await JoinAndWaitForAreaAsync(StartSilo(1), "joined", timeout.Token);

            // Killed: its area comes back to silo 1 (replayed from PostgreSQL) and is booked there again.
            var moved = joined.ActivatedAreas[0];
            await joined.KillAsync();
            var killedAt = load.Clock.Elapsed;
            await UntilAsync(() => load.ConfirmedAfter(moved, killedAt) >= 2, $"{moved} booked again after the kill", load, timeout.Token);
            output.WriteLine($"{moved} booked again through silo 1 {(load.Confirmed.Where(c => c.Area == moved && c.At > killedAt).Min(c => c.At) - killedAt).TotalSeconds:F1} s after the kill");

            // Restarted on its ports: it rejoins (a new generation) and is given an area again.
            await joined.DisposeAsync();
            var restarted = await JoinAndWaitForAreaAsync(StartSilo(1), "restarted", timeout.Token);
            var restartedAt = load.Clock.Elapsed;
            await UntilAsync(() => Areas.All(a => load.ConfirmedAfter(a, restartedAt) >= 2), "bookings in both areas after the restart", load, timeout.Token);
            await stopLoad.CancelAsync();
            await loadTask;

            output.WriteLine($"{load.Confirmed.Count} bookings confirmed, {load.Attempts.Count} calls, failures: " +
                string.Join(", ", load.Failures.GroupBy(f => $"{f.Rpc} {f.Code}").Select(g => $"{g.Key} ×{g.Count()}")));
            // Retryable only: UNAVAILABLE while an area moves, NOT_FOUND for an offer its previous activation held, and the
            // client's own 5 s deadline passing while a call waits for the area to finish moving (replay) on a loaded machine.
            foreach (var failure in load.Failures)
                Assert.True(failure.Code is StatusCode.Unavailable or StatusCode.DeadlineExceeded || (failure.Rpc == "confirm" && failure.Code == StatusCode.NotFound),
                    $"{failure.Rpc} in {failure.Area}: {failure.Code} {failure.Detail}");

            var riderCall = DispatchTestServer.As(riderToken, timeout.Token);
            foreach (var booking in load.Confirmed)
            {
                var read = await MultiProcessFailoverTests.RetryUnavailableAsync(() =>
                    restarted.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, riderCall).ResponseAsync, timeout.Token);
                Assert.Equal(BookingStatus.Confirmed, read.Status);
                Assert.Equal(booking.PromisedPickup, read.PromisedPickup);
            }
        }
        finally
        {
            foreach (var silo in silos) if (silo is not null) await silo.DisposeAsync();
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    private static async Task UntilAsync(Func<bool> condition, string what, BookingLoad load, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < MoveBound, $"no {what} within {MoveBound.TotalSeconds:F0} s; {load.Confirmed.Count} confirmed, last calls: " +
                string.Join("; ", load.Attempts.TakeLast(6).Select(a => $"{a.Rpc} {a.Area} {a.Code} {a.Detail}")));
            await Task.Delay(100, cancellationToken);
        }
    }

    private async Task<SiloProcess> JoinAndWaitForAreaAsync(SiloProcess silo, string what, CancellationToken cancellationToken)
    {
        await silo.WaitListeningAsync(cancellationToken);
        var waited = Stopwatch.StartNew();
        while (silo.ActivatedAreas.Count == 0)
        {
            Assert.True(waited.Elapsed < MoveBound, $"the {what} silo got no area within {MoveBound.TotalSeconds:F0} s:\n{silo.Log}");
            await Task.Delay(100, cancellationToken);
        }
        output.WriteLine($"{what} silo hosts {silo.ActivatedAreas[0]} {waited.Elapsed.TotalSeconds:F1} s after it listened");
        return silo;
    }
}
