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
/// The control room at scale: <c>console [--vehicles 120] [--bookings 2000] [--seconds 15] [--seed 1]</c>. Fills the real
/// host (in-process) with the fleet and open bookings, then measures (a) the console's initial load (page, road layer,
/// first and warm snapshots) as request time on loopback, and (b) the push feed's CPU: the host's process CPU while
/// every vehicle reports one fix per second, once without and once with a console reading /dashboard/api/stream; the
/// difference is the stream's cost (the fix generator runs in both phases, in this process).
/// </summary>
internal static class ConsoleBenchmark
{
    private static readonly DateTimeOffset ServiceDayNow = new(2030, 6, 4, 7, 5, 0, TimeSpan.Zero);

    public static int Run(string[] args)
    {
        int vehicles = Option(args, "--vehicles", 120), bookings = Option(args, "--bookings", 2000), seconds = Option(args, "--seconds", 15), seed = Option(args, "--seed", 1);
        if (vehicles < 6 || bookings < 1 || seconds < 2)
        {
            Console.Error.WriteLine("console: --vehicles must be ≥ 6 (the configured fleet), --bookings ≥ 1, --seconds ≥ 2");
            return 2;
        }
        return RunAsync(vehicles, bookings, seconds, seed).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int vehicles, int bookings, int seconds, int seed)
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
            var quiet = await FixPhaseAsync(server, fleet, seconds, stream: null);
            using var streamCts = new CancellationTokenSource();
            var reader = ReadStreamAsync(http, streamCts.Token);
            await Task.Delay(1000);
            var pushed = await FixPhaseAsync(server, fleet, seconds, stream: reader);
            streamCts.Cancel();
            var (events, bytes) = await reader;
            double extra = (pushed.CpuSeconds - quiet.CpuSeconds) / seconds * 100;
            Console.WriteLine($"fixes: {quiet.Accepted} / {pushed.Accepted} accepted in the two phases of {seconds} s ({vehicles} vehicles × 1 fix/s)");
            Console.WriteLine($"process CPU without a console: {quiet.CpuSeconds / seconds * 100:F1} % of one core; with one console on the push feed: {pushed.CpuSeconds / seconds * 100:F1} %; " +
                $"the feed's share: {extra:F1} % of one core ({events} events, {bytes / 1024} KiB pushed)");
            string at;
            using (var doc = JsonDocument.Parse(await http.GetStringAsync("/dashboard/api/snapshot"))) at = doc.RootElement.GetProperty("at").GetString()!;
            var nowAt = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
            var replayNow = await TimeAsync(http, "/dashboard/api/replay?at=" + Uri.EscapeDataString(nowAt.ToString("O")));
            var replayEarlier = await TimeAsync(http, "/dashboard/api/replay?at=" + Uri.EscapeDataString(nowAt.AddMinutes(-30).ToString("O")));
            long logEvents;
            using (var doc = JsonDocument.Parse(await http.GetStringAsync("/dashboard/api/replay?at=" + Uri.EscapeDataString(nowAt.ToString("O")))))
                logEvents = doc.RootElement.GetProperty("logSequence").GetInt64();
            Console.WriteLine($"replay (state folded from the event log of {logEvents} events): now {replayNow.Ms:F0} ms ({replayNow.Bytes / 1024} KiB), " +
                $"30 min earlier {replayEarlier.Ms:F0} ms ({replayEarlier.Bytes / 1024} KiB)");
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
        DispatchBenchServer server, List<(string Id, double Lat, double Lon)> fleet, int seconds, Task<(int Events, long Bytes)>? stream)
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

    private static async Task<(int Events, long Bytes)> ReadStreamAsync(HttpClient http, CancellationToken cancellationToken)
    {
        int events = 0;
        long bytes = 0;
        try
        {
            using var response = await http.GetAsync("/dashboard/api/stream", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                bytes += line.Length + 1;
                if (line.StartsWith("event: snapshot", StringComparison.Ordinal)) events++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The benchmark ended the stream.
        }
        return (events, bytes);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : fallback;
    }
}
