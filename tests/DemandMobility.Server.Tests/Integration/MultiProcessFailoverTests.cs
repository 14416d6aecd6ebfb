using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Persistence;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;
using Xunit.Abstractions;

namespace DemandMobility.Server.Tests.Integration;

[CollectionDefinition(nameof(FailoverCollection), DisableParallelization = true)]
public sealed class FailoverCollection;

/// <summary>
/// Three servers in cluster mode, each its own OS process, one PostgreSQL database. A client books continuously
/// (quote + confirm) through the silos that survive; the silo hosting an area is killed with SIGKILL. Its areas
/// must re-activate on the others from their PostgreSQL logs, quoting there must resume within 10 s, the client may
/// only see retryable codes, and no confirmed booking may be lost. Then the silo restarts and joins again.
/// </summary>
[Collection(nameof(FailoverCollection))]
public sealed class MultiProcessFailoverTests(ITestOutputHelper output)
{
    private static readonly string[] Areas = ["west", "east"];

    [PostgresFact]
    [Trait("Category", "Failover")]
    public async Task Killing_a_silo_process_moves_its_areas_without_losing_a_confirmed_booking()
    {
        string connectionString = PostgresFactAttribute.RequireConnectionString();
        string id = "fo" + Guid.NewGuid().ToString("N")[..10];
        using var dir = new TempDirectory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(300));
        var silos = new List<SiloProcess>();
        try
        {
            // The key file first, so three processes starting at once do not race to create it.
            var issuer = new TokenIssuer(new JwtOptions(), new SigningKeySource(new JwtOptions(), dir.Path), TimeProvider.System);
            string Token(string role, string subject) => issuer.Issue(new CallerContext(role, subject, null), TimeSpan.FromHours(1));
            var settings = Settings(dir.Path, connectionString, id);
            var ports = Enumerable.Range(0, 3).Select(_ => (Grpc: SiloProcess.FreePort(), Silo: SiloProcess.FreePort(), Gateway: SiloProcess.FreePort())).ToArray();
            SiloProcess StartSilo(int i) => SiloProcess.Start($"silo-{i + 1}", ports[i].Grpc, new Dictionary<string, string>(settings)
            {
                ["Cluster:SiloPort"] = ports[i].Silo.ToString(CultureInfo.InvariantCulture),
                ["Cluster:GatewayPort"] = ports[i].Gateway.ToString(CultureInfo.InvariantCulture),
            });
            for (int i = 0; i < 3; i++) silos.Add(StartSilo(i));
            var started = Stopwatch.StartNew();
            await Task.WhenAll(silos.Select(s => s.WaitListeningAsync(timeout.Token)));
            output.WriteLine($"three silo processes listening after {started.Elapsed.TotalSeconds:F1} s");

            // Vehicles in both areas (registration activates each area on some silo).
            // Generous deadline: the first call to an area activates it (store, replay, engine), slow on a loaded machine.
            var dispatcher = new CallOptions(new Metadata { { "authorization", "Bearer " + Token(Roles.Dispatcher, "ops") } },
                DateTime.UtcNow.AddSeconds(120), timeout.Token);
            var now = DateTimeOffset.UtcNow;
            foreach (var area in Areas)
            {
                for (int v = 1; v <= 3; v++)
                {
                    var vehicleId = $"{area}.bus-{v}";
                    await RetryUnavailableAsync(() => silos[v - 1].Fleet.RegisterVehicleAsync(new RegisterVehicleRequest
                    {
                        VehicleId = vehicleId,
                        Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 2, Luggage = 2 },
                        Depot = area == "west" ? Scenario.Destination : Scenario.Origin,
                        Shift = new Shift { Start = Timestamp.FromDateTimeOffset(now.AddMinutes(-10)), End = Timestamp.FromDateTimeOffset(now.AddHours(13)) },
                    }, dispatcher).ResponseAsync, timeout.Token);
                    await RetryUnavailableAsync(() => silos[v - 1].Fleet.StartShiftAsync(new StartShiftRequest { VehicleId = vehicleId }, dispatcher).ResponseAsync, timeout.Token);
                }
            }

            var hosts = await HostsAsync(silos, timeout.Token);
            var victim = hosts["west"];
            var victimAreas = Areas.Where(a => hosts[a] == victim).ToArray();
            var survivors = silos.Where(s => s != victim).ToList();
            output.WriteLine($"areas: {string.Join(", ", Areas.Select(a => $"{a} on {hosts[a].Name}"))}; killing {victim.Name}");

            var riderToken = Token(Roles.Rider, "rider-fo");
            var load = new BookingLoad(riderToken);
            var entries = new ConcurrentQueue<SiloProcess>(survivors);
            using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            var loadTask = load.RunAsync(() => { entries.TryDequeue(out var s); entries.Enqueue(s!); return s!; }, stopLoad.Token);

            // Book for a while before the kill, so confirmed bookings exist in the victim's areas.
            while (victimAreas.Any(a => load.Confirmed.Count(c => c.Area == a) < 3))
                await Task.Delay(100, timeout.Token);

            var killStarted = load.Clock.Elapsed;
            await victim.KillAsync();
            // From here the process is gone: only quotes asked after this instant count as answered by the move.
            var killedAt = load.Clock.Elapsed;
            int confirmedBeforeKill = load.Confirmed.Count;

            // Quoting in every area of the dead silo must answer again through the survivors.
            while (victimAreas.Any(a => !load.QuotedAfter(a, killedAt)))
                await Task.Delay(50, timeout.Token);
            var gaps = victimAreas.ToDictionary(a => a, a => load.FirstQuoteAfter(a, killedAt) - killedAt);
            foreach (var (area, gap) in gaps)
                output.WriteLine($"area {area}: process gone {(killedAt - killStarted).TotalSeconds:F2} s after Kill(); from then to the next successful quote {gap.TotalSeconds:F2} s " +
                    $"(client's gap from its last quote before the kill: {(load.FirstQuoteAfter(area, killedAt) - load.LastQuoteBefore(area, killStarted)).TotalSeconds:F2} s)");
            // The survivors' logs show the re-activation (replayed from the area's PostgreSQL log).
            foreach (var area in victimAreas)
            {
                while (!survivors.Any(s => s.ActivatedAreas.Contains(area)))
                    await Task.Delay(100, timeout.Token);
            }

            // Restart the killed silo on its ports; it joins again and takes part in the booking stream.
            int victimIndex = silos.IndexOf(victim);
            await victim.DisposeAsync();
            var restarted = StartSilo(victimIndex);
            silos[victimIndex] = restarted;
            await restarted.WaitListeningAsync(timeout.Token);
            entries.Enqueue(restarted);
            var restartedAt = load.Clock.Elapsed;
            while (Areas.Any(a => load.ConfirmedAfter(a, restartedAt) < 2) || !load.ServedThrough(restarted.Name, restartedAt))
                await Task.Delay(100, timeout.Token);
            await stopLoad.CancelAsync();
            await loadTask;

            output.WriteLine($"{load.Confirmed.Count} bookings confirmed ({confirmedBeforeKill} before the kill), {load.Attempts.Count} calls, " +
                $"failures: {string.Join(", ", load.Failures.GroupBy(f => $"{f.Rpc} {f.Code}").Select(g => $"{g.Key} ×{g.Count()}"))}");
            foreach (var (area, gap) in gaps)
            {
                Assert.True(gap < TimeSpan.FromSeconds(10), $"quoting in {area} resumed only {gap.TotalSeconds:F1} s after the kill");
                // As the client saw it: from its last answered quote before the kill to the first one after.
                var seen = load.FirstQuoteAfter(area, killedAt) - load.LastQuoteBefore(area, killStarted);
                Assert.True(seen < TimeSpan.FromSeconds(10), $"the client saw no quote in {area} for {seen.TotalSeconds:F1} s");
            }

            // Only retryable failures: UNAVAILABLE while the area moves; a confirm of an offer held by the dead
            // activation is NOT_FOUND ("ask for a new quote": offers live in memory only, docs/cluster.md).
            foreach (var failure in load.Failures)
            {
                bool retryable = failure.Code == StatusCode.Unavailable
                    || (failure.Rpc == "confirm" && failure.Code == StatusCode.NotFound && failure.QuotedAt < killedAt);
                Assert.True(retryable, $"{failure.Rpc} in {failure.Area} through {failure.Silo}: {failure.Code} {failure.Detail}");
            }

            // No confirmed booking is lost: each is read through the restarted silo with the promise it was given
            // and a vehicle in the plan.
            var riderCall = DispatchTestServer.As(riderToken, timeout.Token);
            foreach (var booking in load.Confirmed)
            {
                var read = await RetryUnavailableAsync(() => restarted.Booking.GetBookingAsync(new GetBookingRequest { BookingId = booking.BookingId }, riderCall).ResponseAsync, timeout.Token);
                Assert.Equal(BookingStatus.Confirmed, read.Status);
                Assert.Equal(booking.PromisedPickup, read.PromisedPickup);
                Assert.StartsWith(booking.Area + ".bus-", read.VehicleId, StringComparison.Ordinal);
            }

            // Membership: three active silos again (the dead one's old row is marked dead).
            Assert.Equal(3, await ActiveSilosAsync(connectionString, id, timeout.Token));
        }
        catch
        {
            // The processes' own logs say why a call failed inside a silo.
            foreach (var silo in silos) output.WriteLine($"--- log of {silo.Name}:\n{silo.Log}");
            throw;
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
            await ClusterNode.CleanUpAsync(connectionString, id);
        }
    }

    internal static Dictionary<string, string> Settings(string dataDirectory, string connectionString, string id)
    {
        var settings = new Dictionary<string, string>
        {
            ["DataDirectory"] = dataDirectory,
            ["Routing:GraphFile"] = SharedRoadGraph.GraphPath,
            ["Routing:PbfPath"] = SharedRoadGraph.PbfPath,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:DemandMobility"] = "Information",
            ["Cluster:Enabled"] = "true",
            ["Cluster:PostgresConnectionString"] = connectionString,
            ["Cluster:ClusterId"] = id,
            ["Cluster:ServiceId"] = id,
            ["Cluster:AreaSchemaPrefix"] = id + "_",
            ["Cluster:HangfireSchema"] = id + "_hangfire",
            // The kill alone is measured: an area moved by the balancing round would drop offers given after the kill
            // and make "the process whose log shows the activation" ambiguous (AreaRebalancingTests covers moving).
            ["Cluster:Rebalancing:Interval"] = "00:00:00",
            // The console on a port of its own choosing: gRPC port + 80 may be taken on a busy machine.
            ["Dashboard:Url"] = "http://127.0.0.1:0",
        };
        // The shipped areas (appsettings.json) and failure detection (Cluster:Membership) are used as they are.
        return settings;
    }

    /// <summary>Which process activated each area (its log names the area), waiting for every area to appear.</summary>
    private static async Task<Dictionary<string, SiloProcess>> HostsAsync(IReadOnlyList<SiloProcess> silos, CancellationToken cancellationToken)
    {
        while (true)
        {
            var hosts = Areas.ToDictionary(a => a, a => silos.FirstOrDefault(s => s.ActivatedAreas.Contains(a)));
            if (hosts.Values.All(h => h is not null)) return hosts!;
            await Task.Delay(100, cancellationToken);
        }
    }

    internal static async Task<T> RetryUnavailableAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    private static async Task<int> ActiveSilosAsync(string connectionString, string id, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @id AND Status = 3", connection);
        command.Parameters.AddWithValue("id", id);
        return (int)(long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
