using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using DemandMobility.Server.Hosting;
using DemandMobility.Security;
using Google.Protobuf;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Load benchmark of the dispatch service over real gRPC on loopback.
/// Usage: <c>dotnet run -c Release --project tests/DemandMobility.Benchmarks -- dispatch [--vehicles 50] [--bookings 1000]
/// [--quotes 1000] [--streams 8,32] [--seconds 20] [--minutes 0] [--soak-streams 8] [--soak-rate 0] [--seed 1] [--h2load-body FILE]
/// [--confirm-every 0] [--fixes-per-quote 0]</c>.
/// Starts the server in this process (SQLite, north-bayreuth graph, temp data folder), fills the fleet up to
/// <c>--vehicles</c> (the six configured buses included), books trips, then measures (a) sequential quote latency,
/// (b) closed-loop throughput per stream count, optional h2load against RequestQuote, and (c) a soak that samples
/// working set and GC heap every 10 s.
/// </summary>
internal static class DispatchBenchmark
{
    /// <summary>Tuesday 4 June 2030, 09:05 in Europe/Berlin: every configured default shift has started.</summary>
    private static readonly DateTimeOffset ServiceDayNow = new(2030, 6, 4, 7, 5, 0, TimeSpan.Zero);

    public static int Run(string[] args)
    {
        var (options, error) = DispatchBenchmarkOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("dispatch: " + error);
            return 2;
        }
        return RunAsync(options).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(DispatchBenchmarkOptions o)
    {
        var pbf = RoadDataLocator.Find("routing-data/north-bayreuth.osm.pbf");
        if (pbf is null)
        {
            Console.Error.WriteLine("dispatch: routing-data/north-bayreuth.osm.pbf not found above " + AppContext.BaseDirectory);
            return 1;
        }
        var data = Path.Combine(Path.GetTempPath(), $"dm-dispatch-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(data);
        try
        {
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}");
            var startClock = Stopwatch.StartNew();
            await using var server = await DispatchBenchServer.StartAsync(data, pbf, ServiceDayNow);
            Console.WriteLine($"server: in-process at {server.Address} (SQLite in {data}), started in {startClock.Elapsed.TotalSeconds:F1} s");

            var day = ServiceDayNow.Date;
            var workload = new DispatchWorkload(server, o.Seed) { LastDeparture = new DateTimeOffset(day.AddHours(17.5), TimeSpan.Zero) };
            await workload.RegisterFleetAsync(o.Vehicles - 6, new DateTimeOffset(day.AddHours(6.8), TimeSpan.Zero), new DateTimeOffset(day.AddHours(19.5), TimeSpan.Zero));
            Console.WriteLine($"fleet: 6 configured + {o.Vehicles - 6} registered = {o.Vehicles} vehicles, 8 seats each, all on shift");

            var seeding = Stopwatch.StartNew();
            var (confirmed, tried, rejected, failed) = await workload.BookAsync(o.Bookings);
            Console.WriteLine($"bookings: {confirmed} confirmed of {o.Bookings} wanted; {tried} quotes tried ({rejected} rejected, {failed} failed calls: random points with no road within the walking limit are refused; codes not broken down), {seeding.Elapsed.TotalSeconds:F1} s");
            if (workload.SnappedStops.Count < 2)
            {
                Console.Error.WriteLine("dispatch: no offer was made while booking; nothing to measure");
                return 1;
            }

            var travel = (Dispatch.Travel.ITravelTimeService)server.Services.GetService(typeof(Dispatch.Travel.ITravelTimeService))!;
            Console.WriteLine("probe (per-quote table work, outside the engine): " + DispatchTableProbe.Measure(travel, workload.SnappedStops, 50));

            var engine = (Dispatch.Engine.DispatchEngine)server.Services.GetService(typeof(Dispatch.Engine.DispatchEngine))!;
            Console.WriteLine("engine probe (direct calls, no gRPC, 300 sequential quotes each): "
                + await DispatchEngineProbe.MeasureAsync(engine, workload.SnappedStops, server.Clock.GetUtcNow(), workload.LastDeparture, 300, o.Seed + 7, o.ConfirmEvery, o.FixesPerQuote));
            Console.WriteLine("prepare (the whole plan in one band, as a quote pays it when the plan is not carried): "
                + await PrepareProbe.MeasureAsync(engine, new(workload.SnappedStops[0].Lat, workload.SnappedStops[0].Lon),
                    new(workload.SnappedStops[1].Lat, workload.SnappedStops[1].Lon), server.Clock.GetUtcNow().AddHours(1), 9));
            Console.WriteLine("quote stages (rebuilt problem per quote against the prepared plan, 300 quotes): "
                + await QuoteStageProbe.MeasureAsync(engine, workload.SnappedStops, server.Clock.GetUtcNow(), workload.LastDeparture, 300, o.Seed + 8));
            Console.WriteLine("quote breakdown (the engine's quote step by step, 300 quotes): "
                + await QuoteBreakdownProbe.MeasureAsync(engine, workload.SnappedStops, server.Clock.GetUtcNow(), workload.LastDeparture, 300, o.Seed + 9));

            var runner = new DispatchLoadRunner(server, workload);
            // Warm-up (JIT, connection, caches); not reported.
            await runner.RunAsync(1, 200, TimeSpan.FromSeconds(30), 0, o.Seed + 100);

            int gen2 = GC.CollectionCount(2);
            var cpu = CpuTime();
            var sequential = await runner.RunAsync(1, o.SequentialQuotes, TimeSpan.FromMinutes(10), 0, o.Seed + 1);
            Console.WriteLine($"(a) sequential: {DispatchLoadRunner.Describe(sequential)}; gen-2 GCs {GC.CollectionCount(2) - gen2}; {CpuPerQuote(cpu, sequential.Latency.Count)}");

            foreach (int streams in o.Streams)
            {
                gen2 = GC.CollectionCount(2);
                cpu = CpuTime();
                var r = await runner.RunAsync(streams, int.MaxValue, TimeSpan.FromSeconds(o.Seconds), 0, o.Seed + 10 + streams);
                Console.WriteLine($"(b) {streams} streams, {o.Seconds} s: {DispatchLoadRunner.Describe(r)}; gen-2 GCs {GC.CollectionCount(2) - gen2}; {CpuPerQuote(cpu, r.Latency.Count)}; load average {LoadAverage()}");
            }

            if (o.H2loadBodyFile is { } bodyFile) RunH2load(server, workload, bodyFile);

            if (o.SoakMinutes > 0) await SoakAsync(server, runner, o);
            return 0;
        }
        finally
        {
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { Console.Error.WriteLine($"dispatch: could not delete {data}"); }
        }
    }

    private static async Task SoakAsync(DispatchBenchServer server, DispatchLoadRunner runner, DispatchBenchmarkOptions o)
    {
        double rate = o.SoakRate;
        Console.WriteLine($"(c) soak: {o.SoakMinutes} min, {o.SoakStreams} streams, rate {(rate > 0 ? rate.ToString(CultureInfo.InvariantCulture) + " quotes/s" : "unpaced")}");
        Console.WriteLine("    t[s]  quotes/s  workingSet[MB]  gcHeap[MB]  gcCommitted[MB]  gen2  sqlite[MB]");
        var duration = TimeSpan.FromMinutes(o.SoakMinutes);
        var load = runner.RunAsync(o.SoakStreams, int.MaxValue, duration, rate, o.Seed + 1000);
        var clock = Stopwatch.StartNew();
        int lastCount = runner.Completed;
        double lastT = 0;
        using var process = Process.GetCurrentProcess();
        while (!load.IsCompleted)
        {
            await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(10)));
            double t = clock.Elapsed.TotalSeconds;
            if (t - lastT < 1) break;
            int count = runner.Completed;
            process.Refresh();
            var gc = GC.GetGCMemoryInfo();
            long db = 0;
            foreach (var f in Directory.GetFiles(server.DataDirectory, "*.db*")) db += new FileInfo(f).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {t,4:F0}  {(count - lastCount) / Math.Max(0.001, t - lastT),8:F1}  {process.WorkingSet64 / 1048576.0,14:F1}  {gc.HeapSizeBytes / 1048576.0,10:F1}  {gc.TotalCommittedBytes / 1048576.0,15:F1}  {GC.CollectionCount(2),4}  {db / 1048576.0,10:F1}"));
            lastCount = count;
            lastT = t;
        }
        var result = await load;
        Console.WriteLine($"(c) soak total: {DispatchLoadRunner.Describe(result)}; load average {LoadAverage()}");
    }

    /// <summary>
    /// Writes one framed RequestQuote (gRPC 5-byte prefix + protobuf) and runs h2load with it if it is on PATH.
    /// Every h2load request carries the same idempotency key, so after the first one the server answers from its
    /// idempotency record: this measures transport, authentication and replay, not the insertion search.
    /// </summary>
    private static void RunH2load(DispatchBenchServer server, DispatchWorkload workload, string bodyFile)
    {
        var request = workload.NextMeasuredQuote(new Random(42));
        var token = server.Token(Roles.Rider, "bench-h2load");
        // The first answer is stored under the key; h2load then replays it (checked here, since h2load only sees HTTP 200).
        using (var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.Address))
        {
            var first = new Contracts.V1.BookingService.BookingServiceClient(channel).RequestQuoteAsync(request, DispatchBenchServer.As(token)).ResponseAsync.GetAwaiter().GetResult();
            Console.WriteLine($"h2load: the request body's own answer via the client: {first.ResultCase}");
        }
        var payload = request.ToByteArray();
        var framed = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(framed, 5);
        File.WriteAllBytes(bodyFile, framed);
        string url = new Uri(server.Address, "demandmobility.v1.BookingService/RequestQuote").ToString();
        var info = new ProcessStartInfo("h2load") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-n", "20000", "-c", "4", "-m", "8", "-t", "1", "-d", bodyFile,
                     "-H", "content-type: application/grpc", "-H", "te: trailers", "-H", "authorization: Bearer " + token, url })
            info.ArgumentList.Add(a);
        Console.WriteLine($"h2load: -n 20000 -c 4 -m 8 -t 1 -d {bodyFile} (framed {framed.Length} bytes) {url}");
        try
        {
            using var h2 = Process.Start(info)!;
            string output = h2.StandardOutput.ReadToEnd();
            h2.WaitForExit();
            foreach (var line in output.Split('\n'))
                if (line.StartsWith("finished", StringComparison.Ordinal) || line.StartsWith("requests:", StringComparison.Ordinal)
                    || line.StartsWith("status codes", StringComparison.Ordinal) || line.TrimStart().StartsWith("time for request", StringComparison.Ordinal)
                    || line.StartsWith("                     min", StringComparison.Ordinal))
                    Console.WriteLine("    " + line);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Console.WriteLine("h2load: not run (" + e.Message + "); install nghttp2-client");
        }
    }

    private static TimeSpan CpuTime()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime;
    }

    /// <summary>Process CPU time per quote (server and load generator together): unlike latency, barely moved by other load.</summary>
    private static string CpuPerQuote(TimeSpan before, int quotes) =>
        string.Create(CultureInfo.InvariantCulture, $"CPU {(CpuTime() - before).TotalMilliseconds / Math.Max(1, quotes):F2} ms/quote (server + client)");

    private static string LoadAverage()
    {
        try { return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]); }
        catch (IOException) { return "n/a"; }
    }
}
