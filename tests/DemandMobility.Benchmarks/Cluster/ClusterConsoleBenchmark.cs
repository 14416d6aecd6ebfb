using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using DemandMobility.Cluster.Hosting;
using DemandMobility.Contracts.V1;
using DemandMobility.Routing.Storage;
using DemandMobility.Security;
using DemandMobility.Server.Dashboard;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Tests.Integration;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DemandMobility.Benchmarks.Cluster;

/// <summary>
/// <c>console-cluster</c>: the control room's reads in cluster mode at scale. One server in cluster mode (in this
/// process) with 12 service areas, 120 buses and about 2,000 confirmed open bookings booked over gRPC; then the
/// console's full read (<c>GET /dashboard/api/snapshot</c>: fleet, KPIs, every open booking, alerts of every area: what
/// a new console's first snapshot costs) is timed with its size, and the push feed's refresh cycle (the frame built
/// once per <c>Dashboard:RefreshInterval</c> when nothing changed) is timed with the grain traffic it makes (arguments
/// and replies as Orleans serialises them: what crosses the network when the areas live on other silos).
/// </summary>
internal static class ClusterConsoleBenchmark
{
    private static readonly ClusterAreaGrid Grid = new(4, 3);

    public static int Run(string[] args)
    {
        string? postgres = Environment.GetEnvironmentVariable("DM_TEST_POSTGRES");
        int bookings = 2000, vehicles = 120, reads = 10;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--postgres": postgres = args[i + 1]; break;
                case "--bookings": bookings = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--vehicles": vehicles = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--reads": reads = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"console-cluster: unknown option '{args[i]}'; usage: console-cluster [--postgres CONN] [--bookings 2000] [--vehicles 120] [--reads 10]");
                    return 2;
            }
        }
        if (string.IsNullOrWhiteSpace(postgres))
        {
            Console.Error.WriteLine("console-cluster: a PostgreSQL connection string is needed (--postgres or DM_TEST_POSTGRES; tests/ci/postgres.sh makes one).");
            return 2;
        }
        return RunAsync(postgres, bookings, vehicles, reads).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string postgres, int wanted, int vehicles, int reads)
    {
        var pbf = RoadDataLocator.Find("routing-data/north-bayreuth.osm.pbf") ?? throw new FileNotFoundException("routing-data/north-bayreuth.osm.pbf not found");
        string id = "cc" + Guid.NewGuid().ToString("N")[..10];
        var work = Path.Combine(Path.GetTempPath(), "dm-console-cluster-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        var graph = Path.Combine(work, "north-bayreuth.dmg");
        var built = GraphStore.LoadOrBuild(pbf, graph);
        if (!built.IsOk) throw new InvalidOperationException(built.Message);
        var roads = Grid.RoadPoints(built.Content!.Graph);
        var settings = ClusterSiloSettings.Base(id, work, graph, pbf, postgres);
        // The console's reads are what is measured here: the areas' round log stays quiet.
        settings["Logging:LogLevel:DemandMobility"] = "Warning";
        settings["Logging:LogLevel:DemandMobility.Cluster.Grains.ServiceAreaGrain"] = "Warning";
        settings["urls"] = "http://127.0.0.1:0";
        settings["Planner:Schema"] = id + "_planner";
        settings["Cluster:SiloPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Cluster:GatewayPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        settings["Cluster:Rebalancing:Interval"] = "00:00:00";
        foreach (var (key, value) in Grid.Settings()) settings[key] = value;
        GrainTrafficMeter? meter = null;
        var app = DispatchServerHost.Create([.. settings.SelectMany(s => new[] { "--" + s.Key, s.Value })],
            b => b.Services.AddSingleton<IOutgoingGrainCallFilter>(sp => meter = new GrainTrafficMeter(sp)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(40));
        try
        {
            await app.StartAsync(timeout.Token);
            var issuer = new TokenIssuer(new JwtOptions(), new SigningKeySource(new JwtOptions(), work), TimeProvider.System);
            using var channel = GrpcChannel.ForAddress(DispatchServerHost.RpcAddresses(app).Single());
            var fleet = new FleetService.FleetServiceClient(channel);
            var booking = new BookingService.BookingServiceClient(channel);
            string dispatcherToken = issuer.Issue(new CallerContext(Roles.Dispatcher, "ops", null), TimeSpan.FromHours(2));
            var now = DateTimeOffset.UtcNow;
            var random = new Random(1);
            for (int v = 0; v < vehicles; v++)
            {
                int area = v % Grid.Count;
                var vehicleId = $"{ClusterAreaGrid.Id(area)}.bus-{v / Grid.Count + 1}";
                await fleet.RegisterVehicleAsync(new RegisterVehicleRequest
                {
                    VehicleId = vehicleId,
                    Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 0, Luggage = 2 },
                    Depot = roads[area][random.Next(roads[area].Length)],
                    Shift = new Shift { Start = Timestamp.FromDateTimeOffset(now.AddMinutes(-10)), End = Timestamp.FromDateTimeOffset(now.AddHours(13)) },
                }, Call(dispatcherToken, timeout.Token, 180));
                await fleet.StartShiftAsync(new StartShiftRequest { VehicleId = vehicleId }, Call(dispatcherToken, timeout.Token, 60));
            }

            // Book until `wanted` are confirmed: trips inside one area, departures over 12 hours, 8 client streams.
            string riderToken = issuer.Issue(new CallerContext(Roles.Rider, "rider-console", null), TimeSpan.FromHours(2));
            var confirmed = new ConcurrentBag<string>();
            int next = -1, attempts = 0;
            var seeding = Stopwatch.StartNew();
            async Task StreamAsync()
            {
                while (confirmed.Count < wanted && Interlocked.Increment(ref attempts) < wanted * 3)
                {
                    int i = Interlocked.Increment(ref next);
                    int area;
                    Contracts.V1.GeoPoint from, to;
                    lock (random)
                    {
                        area = random.Next(Grid.Count);
                        from = roads[area][random.Next(roads[area].Length)];
                        to = roads[area][random.Next(roads[area].Length)];
                    }
                    try
                    {
                        var quote = await booking.RequestQuoteAsync(new RequestQuoteRequest
                        {
                            Origin = new Location { Point = from },
                            Destination = new Location { Point = to },
                            EarliestDeparture = Timestamp.FromDateTimeOffset(now.AddMinutes(30 + (i * 720.0 / wanted) % 720)),
                            Passengers = 1,
                            IdempotencyKey = "q" + i.ToString(CultureInfo.InvariantCulture),
                        }, Call(riderToken, timeout.Token, 30));
                        if (quote.ResultCase != RequestQuoteResponse.ResultOneofCase.Offer) continue;
                        var b = await booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = quote.Offer.OfferId, IdempotencyKey = "c" + i }, Call(riderToken, timeout.Token, 30));
                        confirmed.Add(b.BookingId);
                    }
                    catch (RpcException)
                    {
                        // A trip the rules refuse (too short, …): the next one.
                    }
                }
            }
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(StreamAsync)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"console-cluster: {Grid.Count} areas, {vehicles} buses, {confirmed.Count} confirmed open bookings ({attempts} quotes) seeded in {seeding.Elapsed.TotalSeconds:F0} s; load {Load()}"));

            // The console's full read over HTTP.
            string dashboard = app.Services.GetRequiredService<BoundEndpoints>().DashboardAddress ?? throw new InvalidOperationException("no dashboard address");
            using var http = new HttpClient { BaseAddress = new Uri(dashboard), Timeout = TimeSpan.FromMinutes(2) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Issue(new CallerContext(Roles.Dispatcher, "control", null), TimeSpan.FromHours(1)));
            var first = Stopwatch.StartNew();
            var firstBytes = (await http.GetByteArrayAsync("/dashboard/api/snapshot", timeout.Token)).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first full read (the ledger reads every area's log once): {first.Elapsed.TotalMilliseconds:F0} ms, {firstBytes / 1024.0:F0} KB"));
            var full = new double[reads];
            long bytes = 0;
            for (int r = 0; r < reads; r++)
            {
                var watch = Stopwatch.StartNew();
                bytes = (await http.GetByteArrayAsync("/dashboard/api/snapshot", timeout.Token)).Length;
                full[r] = watch.Elapsed.TotalMilliseconds;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  full read (GET /dashboard/api/snapshot), {reads} reads: {DispatchLatencySummary.Of(full, reads)}; {bytes / 1024.0:F0} KB each"));

            // The push feed's refresh cycle: with nothing changed, one frame per Dashboard:RefreshInterval (the clock-driven parts).
            var feed = app.Services.GetRequiredService<DashboardFeed>();
            var interval = app.Services.GetRequiredService<DashboardSettings>().RefreshInterval;
            await feed.CurrentAsync(timeout.Token);
            var cycle = new double[reads];
            var traffic = new double[reads];
            var calls = new double[reads];
            var delta = new double[reads];
            for (int r = 0; r < reads; r++)
            {
                await Task.Delay(interval + TimeSpan.FromMilliseconds(50), timeout.Token);
                meter!.Reset();
                var watch = Stopwatch.StartNew();
                var frame = await feed.CurrentAsync(timeout.Token);
                cycle[r] = watch.Elapsed.TotalMilliseconds;
                traffic[r] = meter.Bytes / 1024.0;
                calls[r] = meter.Calls;
                delta[r] = frame.DeltaJson.Length / 1024.0;
                if (r == reads - 1) Console.WriteLine("  last cycle's grain traffic by method: " + meter.Breakdown());
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  push feed refresh cycle (every {interval.TotalSeconds:F0} s, nothing changed), {reads} cycles: {DispatchLatencySummary.Of(cycle, reads)}; " +
                $"grain traffic median {Median(traffic):F1} KB in {Median(calls):F0} calls (arguments and replies as Orleans serialises them); delta sent {Median(delta):F1} KB"));
            Console.WriteLine("  load at the end: " + Load());
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await CleanUpAsync(postgres, id);
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { /* temp folder: best effort */ }
        }
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static CallOptions Call(string token, CancellationToken cancellationToken, int seconds) =>
        new(new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(seconds), cancellationToken);

    private static string Load()
    {
        try { return File.ReadAllText("/proc/loadavg").Trim(); }
        catch (IOException) { return "unknown"; }
    }

    private static async Task CleanUpAsync(string connectionString, string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var schemas = string.Join(' ', Enumerable.Range(0, Grid.Count).Select(a => $"DROP SCHEMA IF EXISTS {id}_{ClusterAreaGrid.Id(a)} CASCADE;"));
        await using var command = new NpgsqlCommand(
            "DELETE FROM OrleansMembershipTable WHERE DeploymentId = @id; DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @id; " +
            $"DELETE FROM OrleansRemindersTable WHERE ServiceId = @id; {schemas} DROP SCHEMA IF EXISTS {id}_hangfire CASCADE; DROP SCHEMA IF EXISTS {id}_planner CASCADE;", connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }
}
