using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Optimization.Model;
using DemandMobility.Storage;

namespace DemandMobility.Benchmarks.Restart;

/// <summary>
/// Restart time and store size after a long run of GPS fixes (issue: "a simulated week of fixes for 120 vehicles at one
/// fix per 5 s → restart ≤ 5 s"). The current format is written by the real engine (compact fix events, periodic
/// snapshots) into a real SQLite store; the baseline is the earlier format (every fix carries the whole vehicle with its
/// 8-day calendar, no snapshots), written directly in that shape, and replayed in full by the same engine.
/// </summary>
/// <remarks>
/// Usage: <c>restart [--vehicles 120] [--interval-seconds 5] [--days 7] [--baseline-hours 1,4] [--snapshot-every 10000]
/// [--runs 3] [--dir DIR]</c>. The baseline is measured at a few hours only (its store grows by ~2 KB per fix) and
/// reported per fix; a full replay is linear in the number of events.
/// </remarks>
internal static class RestartBenchmark
{
    private static readonly DateTimeOffset Start = new(2030, 6, 3, 4, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint Centre = new(49.98, 11.60);

    public static int Run(string[] args)
    {
        int vehicles = IntOption(args, "--vehicles", 120);
        int interval = IntOption(args, "--interval-seconds", 5);
        double days = double.Parse(Option(args, "--days") ?? "7", CultureInfo.InvariantCulture);
        var baselineHours = (Option(args, "--baseline-hours") ?? "1,4").Split(',').Select(h => double.Parse(h, CultureInfo.InvariantCulture)).ToArray();
        int snapshotEvery = IntOption(args, "--snapshot-every", 10_000);
        int runs = IntOption(args, "--runs", 3);
        var dir = Option(args, "--dir") ?? Path.Combine(Path.GetTempPath(), "dm-restart-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            RunAsync(vehicles, interval, days, baselineHours, snapshotEvery, runs, dir).GetAwaiter().GetResult();
            return 0;
        }
        finally
        {
            if (Option(args, "--dir") is null) Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task RunAsync(int vehicles, int interval, double days, double[] baselineHours, int snapshotEvery, int runs, string dir)
    {
        Console.WriteLine($"restart benchmark: {vehicles} vehicles, one fix per {interval} s; load {Load()}");
        Console.WriteLine("| store | simulated time | fixes | events | store size | bytes/fix | restart (median of " + runs + ") | from snapshot at | replayed |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var hours in baselineHours)
        {
            var path = Path.Combine(dir, $"baseline-{hours}h.db");
            long fixes = await WriteBaselineAsync(path, vehicles, interval, TimeSpan.FromHours(hours));
            await ReportAsync("earlier format (full vehicle per fix, no snapshots)", path, TimeSpan.FromHours(hours), fixes, runs, 0);
        }
        var current = Path.Combine(dir, "current.db");
        var sw = Stopwatch.StartNew();
        long written = await WriteCurrentAsync(current, vehicles, interval, TimeSpan.FromDays(days), snapshotEvery);
        Console.Error.WriteLine($"generated {written} fixes through the engine in {sw.Elapsed.TotalSeconds:F0} s");
        await ReportAsync($"current format (compact fixes, snapshot every {snapshotEvery} events)", current, TimeSpan.FromDays(days), written, runs, snapshotEvery);
        Console.WriteLine($"load after the run: {Load()}");
    }

    private static async Task ReportAsync(string label, string path, TimeSpan span, long fixes, int runs, int snapshotEvery)
    {
        var times = new List<double>();
        ReplayReport? replay = null;
        long events = 0;
        for (int r = 0; r < runs; r++)
        {
            var sw = Stopwatch.StartNew();
            await using var store = await SqliteDispatchStore.OpenAsync(path);
            var engine = await OpenEngineAsync(store, new BenchClock(Start + span), snapshotEvery);
            times.Add(sw.Elapsed.TotalSeconds);
            replay = engine.Replay;
            events = store.Identity.LastSequence;
        }
        times.Sort();
        long size = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {span.TotalHours:0.#} h | {fixes:N0} | {events:N0} | {size / 1e6:F1} MB | {(double)size / fixes:F0} | {times[times.Count / 2]:F2} s | {replay!.SnapshotSequence:N0} | {replay.EventsReplayed:N0} |"));
    }

    private static Task<DispatchEngine> OpenEngineAsync(IDispatchStore store, TimeProvider clock, int snapshotEvery) =>
        DispatchEngine.OpenAsync(new DispatchOptions(), new StraightLineTravelTimeService(), store, clock, new Random(1),
            snapshots: new EngineSnapshotPolicy(snapshotEvery));

    /// <summary>Registers the fleet with an 8-day calendar and starts every shift, through the engine.</summary>
    private static async Task<DispatchEngine> FleetAsync(IDispatchStore store, BenchClock clock, int vehicles, int snapshotEvery)
    {
        var engine = await OpenEngineAsync(store, clock, snapshotEvery);
        var control = CallerIdentity.Dispatcher("bench");
        var days = Enumerable.Range(0, 8).Select(d => new ShiftWindow(Start.AddDays(d), Start.AddDays(d).AddHours(23.9))).ToArray();
        for (int v = 0; v < vehicles; v++)
        {
            string id = $"bus-{v:D3}";
            Check(await engine.RegisterVehicleAsync(control, new VehicleRegistration(id, new LoadVector(8, 1, 0, 4), Position(v, 0), Start, Start.AddDays(8))));
            Check(await engine.ScheduleShiftsAsync(control, id, days));
            Check(await engine.StartShiftAsync(control, id));
        }
        return engine;
    }

    private static async Task<long> WriteCurrentAsync(string path, int vehicles, int interval, TimeSpan span, int snapshotEvery)
    {
        var clock = new BenchClock(Start);
        await using var store = new BatchingStore(await SqliteDispatchStore.OpenAsync(path), 20_000);
        var engine = await FleetAsync(store, clock, vehicles, snapshotEvery);
        var control = CallerIdentity.Dispatcher("bench");
        long fixes = 0;
        for (long tick = 1; tick * interval <= span.TotalSeconds; tick++)
        {
            clock.Now = Start.AddSeconds(tick * interval);
            for (int v = 0; v < vehicles; v++)
            {
                Check(await engine.ReportPositionAsync(control, $"bus-{v:D3}", Position(v, tick)));
                fixes++;
            }
            if (tick * interval % 21_600 == 0)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {tick * interval / 3600.0:F0} h simulated: {fixes:N0} fixes, load {Load()}"));
        }
        await store.FlushAsync(CancellationToken.None);
        await store.Inner.CheckpointAsync(truncate: true, CancellationToken.None);
        return fixes;
    }

    /// <summary>The earlier format: each fix stored the moved vehicle whole (with its calendar) and all 13 KPI counters.</summary>
    private static async Task<long> WriteBaselineAsync(string path, int vehicles, int interval, TimeSpan span)
    {
        var clock = new BenchClock(Start);
        await using var store = await SqliteDispatchStore.OpenAsync(path);
        var engine = await FleetAsync(store, clock, vehicles, 0);
        var fleet = new Dictionary<string, FleetVehicle>();
        foreach (var v in (await engine.GetFleetAsync(CallerIdentity.Dispatcher("bench"))).Value!.Vehicles)
            fleet[v.VehicleId] = await VehicleAsync(store, v.VehicleId);
        var batch = new List<StoredEvent>(20_000);
        long fixes = 0;
        for (long tick = 1; tick * interval <= span.TotalSeconds; tick++)
        {
            var at = Start.AddSeconds(tick * interval);
            for (int v = 0; v < vehicles; v++)
            {
                string id = $"bus-{v:D3}";
                var from = fleet[id].LastPosition!.Value;
                var moved = fleet[id] with { LastPosition = Position(v, tick), LastFixAt = at };
                fleet[id] = moved;
                double metres = GeoMath.HaversineMetres(from, moved.LastPosition!.Value);
                var kpi = new { Served = 0, Rejected = 0, Cancelled = 0, NoShows = 0, ParcelsDelivered = 0, ParcelsLate = 0, Boardings = 0,
                    WaitSeconds = 0.0, RideSeconds = 0.0, DrivenMetres = metres, EmptyMetres = metres, PassengerMetres = 0.0, DirectSeconds = 0.0 };
                batch.Add(new StoredEvent(0, EventTypes.PositionReported, "vehicle/" + id, at,
                    JsonSerializer.Serialize(new { Vehicles = new[] { moved }, Kpi = kpi }, OldJson)));
                fixes++;
                if (batch.Count == batch.Capacity)
                {
                    await store.AppendAsync(batch, null, CancellationToken.None);
                    batch.Clear();
                }
            }
        }
        if (batch.Count > 0) await store.AppendAsync(batch, null, CancellationToken.None);
        await store.CheckpointAsync(truncate: true, CancellationToken.None);
        return fixes;
    }

    /// <summary>The vehicle as the last stored event holding it whole (its registration, calendar and shift start) left it.</summary>
    private static async Task<FleetVehicle> VehicleAsync(IDispatchStore store, string id)
    {
        FleetVehicle? last = null;
        await foreach (var e in store.ReadAsync(0, CancellationToken.None))
            if (e.StreamId == "vehicle/" + id)
                last = JsonSerializer.Deserialize<VehiclesOnly>(e.Payload, OldJson)!.Vehicles[0];
        return last!;
    }

    private sealed record VehiclesOnly(FleetVehicle[] Vehicles);

    private static readonly JsonSerializerOptions OldJson = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Vehicle <paramref name="v"/>'s position at fix <paramref name="tick"/>: a slow circle of its own around the centre.</summary>
    private static GeoPoint Position(int v, long tick)
    {
        double angle = v * 0.37 + tick * 0.004;
        double radius = 0.02 + v % 10 * 0.003;
        return new GeoPoint(Centre.Latitude + radius * Math.Sin(angle), Centre.Longitude + radius * 1.5 * Math.Cos(angle));
    }

    private static void Check<T>(Dispatch.Results.DispatchResult<T> result)
    {
        if (!result.IsSuccess) throw new InvalidOperationException(result.Error!.Message);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
