using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DemandMobility.Contracts.V1;
using DemandMobility.Routing.Storage;
using DemandMobility.Security;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Tests.Integration;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Npgsql;
using DispatchEngine = DemandMobility.Dispatch.Engine.DispatchEngine;

namespace DemandMobility.Benchmarks.Cluster;

/// <summary>
/// <c>cluster-day</c>: a Sprinti-scale day (12 service areas, 120 buses, up to 6,000 trip requests) driven over gRPC
/// against 1, 2 and 3 server processes in cluster mode sharing one PostgreSQL database. Per run: quotes/s, quote and
/// confirm latency, CPU of the silo processes per request, the areas' own CPU while idle (their re-optimisation
/// round, one reminder a minute), and with <c>--kill true</c> the gap after a SIGKILL of one silo in the largest run.
/// The capacity estimate for a larger operator is printed from the measured costs.
/// </summary>
internal static class ClusterDayBenchmark
{
    private static readonly ClusterAreaGrid Grid = new(4, 3);

    public static int Run(string[] args)
    {
        var (options, error) = ClusterDayOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("cluster-day: " + error);
            Console.Error.WriteLine("usage: cluster-day [--postgres CONN] [--silos 1,2,3] [--requests 6000] [--vehicles 120] [--streams 8] [--idle-seconds 0] [--kill true] [--seed 1] [--driver client|simulator] [--concurrency 12]");
            return 2;
        }
        if (options.Driver == "simulator") return ClusterSimulatorDay.Run(options, Grid);
        var pbf = RoadDataLocator.Find("routing-data/north-bayreuth.osm.pbf") ?? throw new FileNotFoundException("routing-data/north-bayreuth.osm.pbf not found");
        var work = Path.Combine(Path.GetTempPath(), "dm-cluster-day-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            var graph = Path.Combine(work, "north-bayreuth.dmg");
            var built = GraphStore.LoadOrBuild(pbf, graph);
            if (!built.IsOk) throw new InvalidOperationException(built.Message);
            var roads = Grid.RoadPoints(built.Content!.Graph);
            Console.WriteLine($"cluster-day: {Grid.Count} areas, {options.Vehicles} buses, {options.Requests} requests, {options.Streams} client streams; load {Load()}");
            var results = new List<RunResult>();
            int largest = options.SiloCounts.Max();
            foreach (int silos in options.SiloCounts)
            {
                // The idle rounds are measured once, in the first run (they are a per-area cost, not a per-silo one).
                var run = results.Count == 0 ? options : options with { IdleSeconds = 0 };
                var result = RunOnceAsync(run, silos, options.Kill && silos == largest && silos > 1, work, graph, pbf, roads).GetAwaiter().GetResult();
                results.Add(result);
                Console.WriteLine(result);
            }
            PrintEstimate(options, results);
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { /* temp folder: best effort */ }
        }
    }

    private static async Task<RunResult> RunOnceAsync(ClusterDayOptions options, int siloCount, bool kill, string work, string graph, string pbf, GeoPoint[][] roads)
    {
        string id = "cd" + Guid.NewGuid().ToString("N")[..10];
        string data = Path.Combine(work, id);
        Directory.CreateDirectory(data);
        var issuer = new TokenIssuer(new JwtOptions(), new SigningKeySource(new JwtOptions(), data), TimeProvider.System);
        var settings = ClusterSiloSettings.Base(id, data, graph, pbf, options.PostgresConnectionString);
        foreach (var (key, value) in Grid.Settings()) settings[key] = value;
        var silos = new List<SiloProcess>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        try
        {
            for (int i = 0; i < siloCount; i++)
            {
                silos.Add(SiloProcess.Start($"silo-{i + 1}", SiloProcess.FreePort(), new Dictionary<string, string>(settings)
                {
                    ["Cluster:SiloPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
                    ["Cluster:GatewayPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
                }));
            }
            await Task.WhenAll(silos.Select(s => s.WaitListeningAsync(timeout.Token)));

            // Generous: the first call to an area activates it (store, replay, engine) on a possibly overloaded machine.
            var dispatcher = Call(issuer.Issue(new CallerContext(Roles.Dispatcher, "ops", null), TimeSpan.FromHours(2)), timeout.Token, 180);
            var now = DateTimeOffset.UtcNow;
            var random = new Random(options.Seed);
            for (int v = 0; v < options.Vehicles; v++)
            {
                int area = v % Grid.Count;
                var vehicleId = $"{ClusterAreaGrid.Id(area)}.bus-{v / Grid.Count + 1}";
                var fleet = silos[v % silos.Count].Fleet;
                await fleet.RegisterVehicleAsync(new RegisterVehicleRequest
                {
                    VehicleId = vehicleId,
                    Capacity = new Capacity { Seats = 8, WheelchairPlaces = 1, ParcelUnits = 0, Luggage = 2 },
                    Depot = Pick(roads[area], random),
                    Shift = new Shift { Start = Timestamp.FromDateTimeOffset(now.AddMinutes(-10)), End = Timestamp.FromDateTimeOffset(now.AddHours(13)) },
                }, dispatcher);
                await fleet.StartShiftAsync(new StartShiftRequest { VehicleId = vehicleId }, dispatcher);
            }

            var requests = Requests(options, now, random, roads);
            var hosts = Enumerable.Range(0, Grid.Count).ToDictionary(a => ClusterAreaGrid.Id(a), a => silos.FirstOrDefault(s => s.ActivatedAreas.Contains(ClusterAreaGrid.Id(a)))?.Name);
            var rider = issuer.Issue(new CallerContext(Roles.Rider, "rider-day", null), TimeSpan.FromHours(2));
            var alive = silos.ToArray();
            var cpuBefore = silos.Sum(s => s.ProcessorTime.TotalSeconds);
            var quoteMs = new ConcurrentBag<double>();
            var confirmMs = new ConcurrentBag<double>();
            var successes = new ConcurrentQueue<(string Area, TimeSpan At)>();
            var failures = new ConcurrentDictionary<string, int>();
            var samples = new ConcurrentDictionary<string, string>();
            int next = -1, offers = 0, confirmed = 0;
            TimeSpan? killedAt = null;
            string[] victimAreas = [];
            double victimCpu = 0;
            var clock = Stopwatch.StartNew();

            async Task StreamAsync()
            {
                while (true)
                {
                    int i = Interlocked.Increment(ref next);
                    if (i >= requests.Count) return;
                    if (kill && i == requests.Count / 2)
                    {
                        // The silo hosting the most areas dies without a goodbye; later calls go to the others.
                        var victim = silos.OrderByDescending(s => s.ActivatedAreas.Distinct().Count()).First();
                        victimAreas = [.. victim.ActivatedAreas.Distinct()];
                        victimCpu = victim.ProcessorTime.TotalSeconds;
                        alive = [.. silos.Where(s => s != victim)];
                        killedAt = clock.Elapsed;
                        await victim.KillAsync();
                    }
                    var (area, request) = requests[i];
                    var current = alive;
                    var booking = current[i % current.Length].Booking;
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var quote = await booking.RequestQuoteAsync(request, Call(rider, timeout.Token, 10));
                        quoteMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        successes.Enqueue((area, clock.Elapsed));
                        if (quote.ResultCase != RequestQuoteResponse.ResultOneofCase.Offer) continue;
                        Interlocked.Increment(ref offers);
                        started = Stopwatch.GetTimestamp();
                        await booking.ConfirmOfferAsync(new ConfirmOfferRequest { OfferId = quote.Offer.OfferId, IdempotencyKey = "c" + i }, Call(rider, timeout.Token, 10));
                        confirmMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        Interlocked.Increment(ref confirmed);
                    }
                    catch (RpcException ex)
                    {
                        failures.AddOrUpdate(ex.StatusCode.ToString(), 1, (_, n) => n + 1);
                        samples.TryAdd(ex.StatusCode.ToString(), ex.Status.Detail);
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, options.Streams).Select(_ => Task.Run(StreamAsync)));
            var wall = clock.Elapsed;
            var cpuAfter = alive.Sum(s => s.ProcessorTime.TotalSeconds) + victimCpu;
            double idleCpuPerAreaMinute = double.NaN;
            IdleRounds? idleRounds = null;
            if (options.IdleSeconds > 0)
            {
                var logStart = alive.Select(s => s.Log.Split('\n').Length).ToArray();
                var idleStart = alive.Sum(s => s.ProcessorTime.TotalSeconds);
                await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), timeout.Token);
                idleCpuPerAreaMinute = (alive.Sum(s => s.ProcessorTime.TotalSeconds) - idleStart) / Grid.Count / (options.IdleSeconds / 60.0);
                idleRounds = IdleRounds.Of(alive.SelectMany((s, i) => s.Log.Split('\n').Skip(logStart[i])));
            }
            double? gap = null;
            if (killedAt is { } k && victimAreas.Length > 0)
            {
                var firsts = victimAreas.Select(a => successes.Where(s => s.Area == a && s.At > k).Select(s => s.At).DefaultIfEmpty(TimeSpan.MaxValue).Min()).ToList();
                gap = firsts.Max() == TimeSpan.MaxValue ? double.PositiveInfinity : (firsts.Max() - k).TotalSeconds;
            }
            foreach (var (code, detail) in samples) Console.WriteLine($"  e.g. {code}: {detail}");
            var quotes = quoteMs.ToArray();
            var confirms = confirmMs.ToArray();
            return new RunResult(siloCount, requests.Count, quotes.Length, offers, confirmed, [.. failures.OrderBy(f => f.Key)],
                wall.TotalSeconds, DispatchLatencySummary.Of(quotes, quotes.Length), DispatchLatencySummary.Of(confirms, confirms.Length),
                cpuAfter - cpuBefore, idleCpuPerAreaMinute, idleRounds, options.IdleSeconds, gap, victimAreas.Length, hosts.Values.Distinct().Count(), Load());
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
            await CleanUpAsync(options.PostgresConnectionString, id);
        }
    }

    /// <summary>Origins uniform over the areas, destinations in the same area or a touching one, departures over 12 h.</summary>
    private static List<(string Area, RequestQuoteRequest Request)> Requests(ClusterDayOptions options, DateTimeOffset now, Random random, GeoPoint[][] roads)
    {
        var list = new List<(string, RequestQuoteRequest)>(options.Requests);
        for (int i = 0; i < options.Requests; i++)
        {
            int area = random.Next(Grid.Count);
            var neighbours = Grid.Neighbours(area).ToArray();
            int to = random.NextDouble() < 0.5 ? area : neighbours[random.Next(neighbours.Length)];
            var origin = Pick(roads[area], random);
            var destination = Pick(roads[to], random);
            // The service refuses trips under 100 m; draw again (150 m keeps clear of rounding).
            while (MetresApart(origin, destination) < 150) destination = Pick(roads[to], random);
            list.Add((ClusterAreaGrid.Id(area), new RequestQuoteRequest
            {
                Origin = new Location { Point = origin },
                Destination = new Location { Point = destination },
                EarliestDeparture = Timestamp.FromDateTimeOffset(now.AddMinutes(30 + random.NextDouble() * 12 * 60)),
                Passengers = 1,
                IdempotencyKey = "q" + i.ToString(CultureInfo.InvariantCulture),
            }));
        }
        return list;
    }

    /// <summary>
    /// Silos for an operator of 50 areas and 500 buses: demand scaled by buses (Sprinti's record day per bus), the
    /// busiest hour taking 12 % of a day's requests, every area's round searching every minute for its whole budget plus
    /// the process's own idle work per area as measured, each silo used to half its cores (room for a failed silo's
    /// areas), at least three silos (one may fail).
    /// </summary>
    /// <remarks>
    /// The rounds are budgeted from the solver's time limit, not from the idle measurement: a searching round runs the
    /// solver on one thread until its wall-clock budget is spent, so its CPU is whatever the machine gives it in that
    /// time (about 1.6 s on the quiet machine, 0.1–0.2 s at load average 70–100). In live operation every area's plan
    /// changes each minute (a stored fix per bus and minute), so every round searches; a quiet area's round does not.
    /// </remarks>
    private static void PrintEstimate(ClusterDayOptions options, IReadOnlyList<RunResult> results)
    {
        var basis = results[0];
        double cpuPerRequest = basis.CpuSeconds / basis.Requests;
        // Demand per bus of Sprinti's record day (6,238 trips, 120 buses), not of this (possibly shortened) run.
        double requestsPerDay = 500.0 * 6238 / 120;
        double peakPerSecond = requestsPerDay * 0.12 / 3600;
        double roundCores = 50 * DispatchEngine.RoundTimeLimit.TotalSeconds / 60;
        double restMs = basis.IdleRounds is { } r && !double.IsNaN(basis.IdleCpuPerAreaMinute)
            ? Math.Max(0, basis.IdleCpuPerAreaMinute * 1000 - r.CpuPerAreaMinute(Grid.Count, basis.IdleSeconds / 60.0))
            : 0;
        double restCores = 50 * restMs / 1000 / 60;
        double cores = peakPerSecond * cpuPerRequest + roundCores + restCores;
        const double coresPerSilo = 2, utilisation = 0.5;
        int silos = Math.Max(3, (int)Math.Ceiling(cores / (coresPerSilo * utilisation)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"estimate 50 areas / 500 buses: {requestsPerDay:F0} requests/day, peak {peakPerSecond:F2}/s × {cpuPerRequest * 1000:F1} ms CPU " +
            $"+ rounds 50 × {DispatchEngine.RoundTimeLimit.TotalSeconds:F0} s a minute = {roundCores:F2} cores + the rest of the idle process 50 × {restMs:F0} ms a minute = {restCores:F2} cores " +
            $"= {cores:F2} cores → {silos} silos of {coresPerSilo} cores at ≤{utilisation:P0}"));
    }

    private static GeoPoint Pick(GeoPoint[] points, Random random) => points[random.Next(points.Length)];

    /// <summary>Equirectangular distance, exact enough over a few kilometres.</summary>
    private static double MetresApart(GeoPoint a, GeoPoint b)
    {
        double dy = (a.Lat - b.Lat) * 111_320, dx = (a.Lon - b.Lon) * 111_320 * Math.Cos(a.Lat * Math.PI / 180);
        return Math.Sqrt(dx * dx + dy * dy);
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
            $"DELETE FROM OrleansRemindersTable WHERE ServiceId = @id; {schemas} DROP SCHEMA IF EXISTS {id}_hangfire CASCADE;", connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }

    private sealed record RunResult(int Silos, int Requests, int Quotes, int Offers, int Confirmed, KeyValuePair<string, int>[] Failures,
        double WallSeconds, DispatchLatencySummary Quote, DispatchLatencySummary Confirm, double CpuSeconds, double IdleCpuPerAreaMinute,
        IdleRounds? IdleRounds, double IdleSeconds, double? GapSeconds, int VictimAreas, int HostingSilos, string Load)
    {
        public override string ToString()
        {
            var c = CultureInfo.InvariantCulture;
            var text = string.Create(c, $"silos={Silos} (areas on {HostingSilos}): {Requests} requests in {WallSeconds:F1} s = {Quotes / WallSeconds:F1} quotes/s; ") +
                string.Create(c, $"offers {Offers}, confirmed {Confirmed}, failures [{string.Join(", ", Failures.Select(f => $"{f.Key} {f.Value}"))}]\n") +
                string.Create(c, $"  quote {Quote}\n  confirm {Confirm}\n") +
                string.Create(c, $"  CPU of the silos {CpuSeconds:F1} s = {CpuSeconds / Requests * 1000:F1} ms per request; idle rounds {IdleCpuPerAreaMinute * 1000:F0} ms CPU per area-minute");
            if (IdleRounds is { } r)
            {
                double rounds = r.CpuPerAreaMinute(Grid.Count, IdleSeconds / 60.0);
                text += string.Create(c, $"\n  of which the rounds' engine CPU {rounds:F0} ms, the rest of the process {IdleCpuPerAreaMinute * 1000 - rounds:F0} ms; {r}");
            }
            if (GapSeconds is { } g) text += string.Create(c, $"\n  killed a silo with {VictimAreas} areas: quoting in all of them again after {g:F2} s");
            return text + "\n  load at the end: " + Load;
        }
    }
}
