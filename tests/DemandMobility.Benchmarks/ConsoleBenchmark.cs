using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Server.Hosting;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;

namespace DemandMobility.Benchmarks;

/// <summary>
/// The control room at scale: <c>console [--vehicles 120] [--bookings 2000] [--seconds 15] [--consoles 10]
/// [--replay-hours 0] [--seed 1]</c>. Fills the real host (in-process) with the fleet and open bookings, then measures
/// (a) the console's initial load (page, road layer, first and warm snapshots) as request time on loopback; (b) the
/// push feed's CPU: the host's process CPU while every vehicle reports one fix per second, in phases without a console,
/// with one and with <c>--consoles</c> consoles reading /dashboard/api/stream (deltas), and with one client reading the
/// whole snapshot (/dashboard/api/snapshot) every 250 ms, which is the work the feed did per frame when it pushed whole
/// snapshots; the difference to the phase without a console is the feed's cost (the fix generator runs in every phase,
/// in this process); (c) replay: a first slider move (the whole log folded, as every move did before checkpoints)
/// against later moves to random moments. <c>--replay-hours</c> first adds that many hours of stored fixes (one per
/// vehicle a minute, as the server stores them) to make the log day-sized.
/// </summary>
internal static class ConsoleBenchmark
{
    private static readonly DateTimeOffset ServiceDayNow = new(2030, 6, 4, 7, 5, 0, TimeSpan.Zero);

    public static int Run(string[] args)
    {
        int vehicles = Option(args, "--vehicles", 120), bookings = Option(args, "--bookings", 2000), seconds = Option(args, "--seconds", 15), seed = Option(args, "--seed", 1);
        int consoles = Option(args, "--consoles", 10), replayHours = Option(args, "--replay-hours", 0);
        if (vehicles < 6 || bookings < 1 || seconds < 2 || consoles < 1 || replayHours < 0)
        {
            Console.Error.WriteLine("console: --vehicles must be ≥ 6 (the configured fleet), --bookings ≥ 1, --seconds ≥ 2, --consoles ≥ 1, --replay-hours ≥ 0");
            return 2;
        }
        return RunAsync(vehicles, bookings, seconds, consoles, replayHours, seed).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int vehicles, int bookings, int seconds, int consoles, int replayHours, int seed)
    {
        var pbf = RoadDataLocator.Find("routing-data/north-bayreuth.osm.pbf");
        if (pbf is null)
        {
            Console.Error.WriteLine("console: routing-data/north-bayreuth.osm.pbf not found above " + AppContext.BaseDirectory);
            return 1;
        }
        var data = Path.Combine(Path.GetTempPath(), $"dm-console-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(data);
        try
        {
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}");
            await using var server = await DispatchBenchServer.StartAsync(data, pbf, ServiceDayNow);
            var day = ServiceDayNow.Date;
            var workload = new DispatchWorkload(server, seed) { LastDeparture = new DateTimeOffset(day.AddHours(17.5), TimeSpan.Zero) };
            await workload.RegisterFleetAsync(vehicles - 6, new DateTimeOffset(day.AddHours(6.8), TimeSpan.Zero), new DateTimeOffset(day.AddHours(19.5), TimeSpan.Zero));
            var seeding = Stopwatch.StartNew();
            var (confirmed, tried, rejected, failed) = await workload.BookAsync(bookings);
            Console.WriteLine($"state: {vehicles} vehicles on shift, {confirmed} confirmed bookings ({tried} quotes, {rejected} rejected, {failed} failed), seeded in {seeding.Elapsed.TotalSeconds:F0} s");

            using var http = new HttpClient { BaseAddress = server.DashboardAddress, Timeout = TimeSpan.FromSeconds(120) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Token(Roles.Dispatcher, "bench"));
            var page = await TimeAsync(http, "/dashboard/");
            var network = await TimeAsync(http, "/dashboard/api/network");
            var first = await TimeAsync(http, "/dashboard/api/snapshot");
            var warm = new List<double>();
            for (int i = 0; i < 10; i++) warm.Add((await TimeAsync(http, "/dashboard/api/snapshot")).Ms);
            warm.Sort();
            using (var doc = JsonDocument.Parse(await http.GetStringAsync("/dashboard/api/snapshot")))
                Console.WriteLine($"snapshot holds {doc.RootElement.GetProperty("vehicles").GetArrayLength()} vehicles, {doc.RootElement.GetProperty("bookings").GetArrayLength()} bookings (list capped at 500)");
            Console.WriteLine($"initial load (request time on loopback): page {page.Ms:F1} ms ({page.Bytes} B), road layer {network.Ms:F1} ms ({network.Bytes} B, built on first call), " +
                $"first snapshot {first.Ms:F1} ms ({first.Bytes} B), warm snapshot median {warm[warm.Count / 2]:F1} ms, max {warm[^1]:F1} ms; " +
                $"first load total {page.Ms + network.Ms + first.Ms:F1} ms");

            var fleet = await FleetPositionsAsync(http);
            // Warm-up (not counted): the fix and feed paths are compiled before any phase is measured.
            using (var warmCts = new CancellationTokenSource())
            {
                var warmReader = ReadStreamAsync(http, warmCts.Token);
                await FixPhaseAsync(server, fleet, Math.Max(2, seconds / 3));
                warmCts.Cancel();
                await warmReader;
            }
            var quietBefore = await FixPhaseAsync(server, fleet, seconds);
            var phases = new List<(string Name, double CpuSeconds, string Traffic)>();
            foreach (int n in new[] { 1, consoles }.Distinct())
            {
                using var streamCts = new CancellationTokenSource();
                var readers = Enumerable.Range(0, n).Select(_ => ReadStreamAsync(http, streamCts.Token)).ToList();
                await Task.Delay(1000);
                var pushed = await FixPhaseAsync(server, fleet, seconds);
                streamCts.Cancel();
                var counts = await Task.WhenAll(readers);
                phases.Add(($"{n} console(s) on the push feed (deltas)", pushed.CpuSeconds,
                    $"per console {counts.Average(c => c.Events):F0} events ({counts.Average(c => c.Snapshots):F0} snapshot), {counts.Average(c => c.Bytes) / 1024:F0} KiB"));
            }
            using (var pollCts = new CancellationTokenSource())
            {
                var poller = PollSnapshotsAsync(http, pollCts.Token);
                var polled = await FixPhaseAsync(server, fleet, seconds);
                pollCts.Cancel();
                var (reads, readBytes) = await poller;
                phases.Add(("whole snapshot read every 250 ms (the former feed's work per frame)", polled.CpuSeconds, $"{reads} snapshots, {readBytes / 1024} KiB"));
            }
            // Without a console again: the baseline is the mean of the phases before and after (both printed, to show the noise).
            var quietAfter = await FixPhaseAsync(server, fleet, seconds);
            var quiet = (CpuSeconds: (quietBefore.CpuSeconds + quietAfter.CpuSeconds) / 2, Accepted: quietAfter.Accepted);
            Console.WriteLine($"without a console: {quietBefore.CpuSeconds / seconds * 100:F1} % of one core before the console phases, {quietAfter.CpuSeconds / seconds * 100:F1} % after; " +
                $"baseline {quiet.CpuSeconds / seconds * 100:F1} %");
            foreach (var (name, cpu, traffic) in phases)
                Console.WriteLine($"{name}: {cpu / seconds * 100:F1} % → the share over the baseline {(cpu - quiet.CpuSeconds) / seconds * 100:F1} % of one core ({traffic})");
            if (replayHours > 0)
            {
                var filling = Stopwatch.StartNew();
                int stored = await StoredFixesAsync(server, fleet, replayHours * 60);
                Console.WriteLine($"replay log: {stored} fixes over {replayHours} h of engine time added in {filling.Elapsed.TotalSeconds:F0} s");
            }
            string at;
            using (var doc = JsonDocument.Parse(await http.GetStringAsync("/dashboard/api/snapshot"))) at = doc.RootElement.GetProperty("at").GetString()!;
            var nowAt = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
            string Replay(DateTimeOffset moment) => "/dashboard/api/replay?at=" + Uri.EscapeDataString(moment.ToString("O"));
            var replayFirst = await TimeAsync(http, Replay(nowAt));
            long logEvents;
            DateTimeOffset firstEventAt = ServiceDayNow;
            using (var doc = JsonDocument.Parse(await http.GetStringAsync(Replay(nowAt))))
                logEvents = doc.RootElement.GetProperty("logSequence").GetInt64();
            var random = new Random(seed);
            var moves = new List<double>();
            for (int i = 0; i < 10; i++)
            {
                var moment = firstEventAt + (nowAt - firstEventAt) * random.NextDouble();
                moves.Add((await TimeAsync(http, Replay(moment))).Ms);
            }
            var replayNow = await TimeAsync(http, Replay(nowAt));
            moves.Sort();
            Console.WriteLine($"replay (event log of {logEvents} events): first move to now {replayFirst.Ms:F0} ms ({replayFirst.Bytes / 1024} KiB, the whole log folded, as every move before checkpoints); " +
                $"then 10 moves to random moments median {moves[moves.Count / 2]:F0} ms, max {moves[^1]:F0} ms; now again {replayNow.Ms:F0} ms");
            Console.WriteLine($"load average after: {File.ReadAllText("/proc/loadavg").Trim()}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { /* best effort: a temp folder */ }
        }
    }

    private static async Task<(double Ms, long Bytes)> TimeAsync(HttpClient http, string path)
    {
        var watch = Stopwatch.StartNew();
        var body = await http.GetByteArrayAsync(path);
        return (watch.Elapsed.TotalMilliseconds, body.LongLength);
    }

    private static async Task<List<(string Id, double Lat, double Lon)>> FleetPositionsAsync(HttpClient http)
    {
        using var doc = JsonDocument.Parse(await http.GetStringAsync("/dashboard/api/fleet"));
        var list = new List<(string, double, double)>();
        foreach (var v in doc.RootElement.EnumerateArray())
            if (v.GetProperty("lat").ValueKind == JsonValueKind.Number)
                list.Add((v.GetProperty("id").GetString()!, v.GetProperty("lat").GetDouble(), v.GetProperty("lon").GetDouble()));
        return list;
    }

    /// <summary>Every vehicle reports its position once a second (standing still) for <paramref name="seconds"/>; returns the process CPU used.</summary>
    private static async Task<(double CpuSeconds, int Accepted)> FixPhaseAsync(
        DispatchBenchServer server, List<(string Id, double Lat, double Lon)> fleet, int seconds)
    {
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new FleetService.FleetServiceClient(channel);
        using var call = client.ReportPositions(new Grpc.Core.CallOptions(new Grpc.Core.Metadata { { "authorization", "Bearer " + server.Token(Roles.Dispatcher, "bench") } }));
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        var start = Stopwatch.StartNew();
        for (int s = 0; s < seconds; s++)
        {
            var now = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow());
            foreach (var (id, lat, lon) in fleet)
                await call.RequestStream.WriteAsync(new PositionFix { VehicleId = id, Lat = lat, Lon = lon, RecordedAt = now });
            var next = TimeSpan.FromSeconds(s + 1) - start.Elapsed;
            if (next > TimeSpan.Zero) await Task.Delay(next);
        }
        await call.RequestStream.CompleteAsync();
        var summary = await call.ResponseAsync;
        process.Refresh();
        return ((process.TotalProcessorTime - cpu0).TotalSeconds, summary.Accepted);
    }

    /// <summary>
    /// <paramref name="minutes"/> minutes of engine time in one-minute steps, each vehicle reporting once per step, so
    /// every fix is stored (the server stores one per vehicle a minute); returns the fixes accepted.
    /// </summary>
    private static async Task<int> StoredFixesAsync(DispatchBenchServer server, List<(string Id, double Lat, double Lon)> fleet, int minutes)
    {
        using var channel = GrpcChannel.ForAddress(server.Address);
        var client = new FleetService.FleetServiceClient(channel);
        var options = new Grpc.Core.CallOptions(new Grpc.Core.Metadata { { "authorization", "Bearer " + server.Token(Roles.Dispatcher, "bench") } });
        int accepted = 0;
        for (int m = 0; m < minutes; m++)
        {
            ((DispatchShiftedClock)server.Clock).Advance(TimeSpan.FromMinutes(1));
            // One call per minute, awaited: the server has taken every fix of this minute before the clock moves on.
            using var call = client.ReportPositions(options);
            var now = Timestamp.FromDateTimeOffset(server.Clock.GetUtcNow());
            foreach (var (id, lat, lon) in fleet)
                await call.RequestStream.WriteAsync(new PositionFix { VehicleId = id, Lat = lat, Lon = lon, RecordedAt = now });
            await call.RequestStream.CompleteAsync();
            accepted += (await call.ResponseAsync).Accepted;
        }
        return accepted;
    }

    private static async Task<(int Events, int Snapshots, long Bytes)> ReadStreamAsync(HttpClient http, CancellationToken cancellationToken)
    {
        int events = 0, snapshots = 0;
        long bytes = 0;
        try
        {
            using var response = await http.GetAsync("/dashboard/api/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                bytes += line.Length + 1;
                if (line.StartsWith("event: ", StringComparison.Ordinal)) events++;
                if (line.StartsWith("event: snapshot", StringComparison.Ordinal)) snapshots++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The benchmark ended the stream.
        }
        return (events, snapshots, bytes);
    }

    /// <summary>Reads the whole snapshot every 250 ms, as the feed rebuilt and sent it per frame before it pushed deltas.</summary>
    private static async Task<(int Reads, long Bytes)> PollSnapshotsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        int reads = 0;
        long bytes = 0;
        try
        {
            while (true)
            {
                bytes += (await http.GetByteArrayAsync("/dashboard/api/snapshot", cancellationToken)).LongLength;
                reads++;
                await Task.Delay(250, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (reads, bytes);
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : fallback;
    }
}
