using System.Diagnostics;
using System.Globalization;
using DemandMobility.Benchmarks;
using DemandMobility.Routing.Storage;
using DemandMobility.Security;
using DemandMobility.Server.Hosting;
using DemandMobility.Server.Tests.Integration;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;
using Npgsql;

namespace DemandMobility.Benchmarks.Cluster;

/// <summary>
/// <c>cluster-day --driver simulator</c>: the Sprinti-scale day run by the simulator's gRPC mode against 1, 2 and 3
/// server processes in cluster and simulation mode. The scenario is <c>simulator/scenarios/sprinti-cluster.json</c>
/// (its rules, rider behaviour, demand model and service hours) with the fleet spread over the 12 areas of the grid
/// (<c>--vehicles</c> / 12 buses per area, each in an early 06–14 and a late 14–22 duty, depot on a road of the area) and
/// <c>--requests</c> trips; any area may be a trip's destination. The simulator sends each simulated minute's requests
/// concurrently (<see cref="RequestConcurrency"/>, one lane per area). Per run: quotes/s and quote latency (the
/// simulator's report), silo CPU per quote (all the day's traffic: GPS fixes, manifests, stop events and
/// re-optimisation rounds included), and in the largest run with <c>--kill true</c> the failover gap after a SIGKILL
/// of the silo hosting the most areas (never the one the simulator talks to).
/// </summary>
internal static class ClusterSimulatorDay
{
    public static int Run(ClusterDayOptions options, ClusterAreaGrid grid) => RunAsync(options, grid).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(ClusterDayOptions options, ClusterAreaGrid grid)
    {
        var pbf = RoadDataLocator.Find("routing-data/north-bayreuth.osm.pbf") ?? throw new FileNotFoundException("routing-data/north-bayreuth.osm.pbf not found");
        var basePath = Path.Combine(RepositoryPaths.FindRoot() ?? ".", "simulator", "scenarios", "sprinti-cluster.json");
        var work = Path.Combine(Path.GetTempPath(), "dm-cluster-sim-day-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            var graph = Path.Combine(work, "north-bayreuth.dmg");
            var built = GraphStore.LoadOrBuild(pbf, graph);
            if (!built.IsOk) throw new InvalidOperationException(built.Message);
            var roads = grid.RoadPoints(built.Content!.Graph);
            var scenario = Scenario(ScenarioLoader.Load(basePath), options, grid, roads, pbf);
            var travel = Simulation.LoadTravel(scenario, graph);
            var demand = Simulation.BuildDemand(scenario);
            Console.WriteLine($"cluster-day (simulator): {grid.Count} areas, {scenario.Vehicles.Length / 2} buses in {scenario.Vehicles.Length} duties, {demand.Trips.Length} trips, " +
                              $"concurrency {options.Concurrency}; load {Load()}");
            int largest = options.SiloCounts.Max();
            foreach (int silos in options.SiloCounts)
            {
                var line = await RunOnceAsync(options, grid, scenario, travel, demand, silos, options.Kill && silos == largest && silos > 1, work, graph, pbf);
                Console.WriteLine(line);
            }
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { /* temp folder: best effort */ }
        }
    }

    /// <summary>The base scenario with the fleet spread over the grid's areas and the requested day size and seed.</summary>
    private static LoadedScenario Scenario(LoadedScenario baseScenario, ClusterDayOptions options, ClusterAreaGrid grid,
        Contracts.V1.GeoPoint[][] roads, string pbf)
    {
        int perArea = Math.Max(1, options.Vehicles / grid.Count);
        var fleet = new List<FleetEntrySettings>();
        for (int area = 0; area < grid.Count; area++)
        {
            // The road point nearest the middle of the area's roads: a depot well inside it.
            var points = roads[area];
            double lat = points.Average(p => p.Lat), lon = points.Average(p => p.Lon);
            var depot = points.MinBy(p => (p.Lat - lat) * (p.Lat - lat) + (p.Lon - lon) * (p.Lon - lon))!;
            // Each bus in an early and a late driver duty, as in sprinti-bayreuth (a shift lasts at most 14 h).
            foreach (var (duty, from, to) in new[] { ("early", "06:00", "14:00"), ("late", "14:00", "22:00") })
                fleet.Add(new FleetEntrySettings
                {
                    Count = perArea, IdPrefix = $"{ClusterAreaGrid.Id(area)}-{duty}", Seats = 8, WheelchairPlaces = 1,
                    Depot = new LatLonSettings(depot.Lat, depot.Lon), ShiftStart = from, ShiftEnd = to,
                });
        }
        var settings = baseScenario.Settings with { Name = "sprinti-cluster-day", Fleet = [.. fleet], Seed = options.Seed, RegionPbf = pbf };
        var resolved = ScenarioLoader.Resolve(settings, "cluster-day", baseScenario.BaseDirectory);
        return resolved with { Demand = resolved.Demand with { TripsPerDay = options.Requests } };
    }

    private static async Task<string> RunOnceAsync(ClusterDayOptions options, ClusterAreaGrid grid, LoadedScenario scenario,
        Dispatch.Travel.ITravelTimeService travel, Simulator.Demand.DemandSet demand, int siloCount, bool kill, string work, string graph, string pbf)
    {
        string id = "cs" + Guid.NewGuid().ToString("N")[..10];
        string data = Path.Combine(work, id);
        Directory.CreateDirectory(data);
        var issuer = new TokenIssuer(new JwtOptions(), new SigningKeySource(new JwtOptions(), data), TimeProvider.System);
        var o = scenario.Options;
        static string Span(TimeSpan t) => t.ToString("c", CultureInfo.InvariantCulture);
        var settings = ClusterSiloSettings.Base(id, data, graph, pbf, options.PostgresConnectionString);
        // The scenario's engine settings, as simulator/README.md tells users to start a simulation server.
        settings["Simulation:Enabled"] = "true";
        settings["Simulation:Seed"] = scenario.Settings.Seed.ToString(CultureInfo.InvariantCulture);
        settings["Simulation:Iterations"] = scenario.Settings.Reoptimisation.Iterations.ToString(CultureInfo.InvariantCulture);
        settings["Simulation:MaxWait"] = Span(o.MaxWait);
        settings["Simulation:ServiceArea"] = string.Join(";", o.ServiceArea!.Ring.Select(p => FormattableString.Invariant($"{p.Longitude},{p.Latitude}")));
        settings["Dispatch:PromiseWindow"] = Span(o.PromiseWindow);
        settings["Dispatch:OfferExpiry"] = Span(o.OfferExpiry);
        settings["Dispatch:MaxWalkingDistanceMeters"] = o.MaxWalkingMetres.ToString(CultureInfo.InvariantCulture);
        settings["Dispatch:MaxRideTimeFactor"] = o.DetourFactor.ToString(CultureInfo.InvariantCulture);
        settings["Dispatch:MaxRideTimeConstant"] = Span(o.DetourConstant);
        foreach (var (key, value) in grid.Settings(anyDestination: true)) settings[key] = value;
        var silos = new List<SiloProcess>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromHours(3));
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

            var start = scenario.DayStart;
            foreach (var v in scenario.Vehicles) if (v.ShiftStart < start) start = v.ShiftStart;
            var token = issuer.Issue(new CallerContext(Roles.Dispatcher, "simulator", null), TimeSpan.FromHours(4));
            var entry = silos[0];
            var gateway = await GrpcGateway.ConnectAsync(new Uri($"http://127.0.0.1:{entry.GrpcPort}"), token, o, scenario.Settings.Seed,
                scenario.Settings.Reoptimisation.Iterations, start, timeout.Token);
            foreach (var warning in gateway.Warnings) Console.WriteLine("  warning: " + warning);

            SiloProcess? victim = null;
            string[] victimAreas = [];
            double victimCpu = 0;
            async Task KillAsync()
            {
                // The silo hosting the most areas, never the one the simulator talks to, dies without a goodbye.
                victim = silos.Skip(1).OrderByDescending(s => s.ActivatedAreas.Distinct().Count()).First();
                victimAreas = [.. victim.ActivatedAreas.Distinct()];
                victimCpu = victim.ProcessorTime.TotalSeconds;
                await victim.KillAsync();
            }
            int passengers = demand.Trips.Count(t => t.Kind != Simulator.Demand.TripKind.Parcel);
            await using var probe = new FailoverProbeGateway(gateway, Math.Max(1, passengers / 2), kill ? KillAsync : null);
            double cpuBefore = silos.Sum(s => s.ProcessorTime.TotalSeconds);
            var ownCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var result = await Simulation.RunAsync(scenario, travel, demand, probe, null, timeout.Token,
                new RequestConcurrency(options.Concurrency, TimeSpan.FromMinutes(1)));
            double cpu = silos.Where(s => s != victim).Sum(s => s.ProcessorTime.TotalSeconds) + victimCpu - cpuBefore;
            double ownCpu = (Process.GetCurrentProcess().TotalProcessorTime - ownCpuBefore).TotalSeconds;
            var hosts = silos.Count(s => s.ActivatedAreas.Count > 0);
            return Describe(siloCount, hosts, result, cpu, ownCpu, kill ? probe.GapSeconds(victimAreas) : null, victimAreas.Length)
                   + "\n  calls by kind (wall time summed over concurrent calls):\n    " + gateway.Calls.Describe().Replace("\n", "\n    ", StringComparison.Ordinal);
        }
        catch (GrpcGatewayException)
        {
            // The run stopped on a call the simulator cannot go on from: show what the silos logged about it.
            foreach (var silo in silos)
                foreach (var line in silo.Log.Split('\n').Where(l => l.Contains("xception", StringComparison.Ordinal)).Take(8))
                    Console.Error.WriteLine($"  {silo.Name}: {line}");
            throw;
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
            await CleanUpAsync(options.PostgresConnectionString, id, grid);
        }
    }

    private static string Describe(int silos, int hosts, SimulationResult r, double cpu, double ownCpu, double? gap, int victimAreas)
    {
        var c = CultureInfo.InvariantCulture;
        var q = r.Quotes!;
        var k = r.Kpis;
        var text = string.Create(c, $"silos={silos} (areas on {hosts}): {k["requests"]:F0} trips, {q.Count} quotes in {r.WallClockSeconds:F1} s = {q.PerSecond:F2} quotes/s; ") +
                   string.Create(c, $"quote p50 {q.P50Ms:F0} ms, p99 {q.P99Ms:F0} ms; completed {r.Completed}, served {k["served_share"]:P1}, ") +
                   string.Create(c, $"dispatcher call failures {k["dispatcher_call_failures"]:F0}, calls retried {q.Retried}\n") +
                   string.Create(c, $"  CPU of the silos {cpu:F1} s = {cpu / Math.Max(1, q.Count) * 1000:F1} ms per quote (all the day's calls); the simulator's own CPU {ownCpu:F1} s");
        if (gap is { } g) text += string.Create(c, $"\n  killed a silo with {victimAreas} areas: quoting in all of them again after {g:F2} s");
        // Which calls failed and why (the first 200 the run kept), so a failure count is never left unexplained.
        if (!r.Diagnostics.IsDefaultOrEmpty) text += "\n  failed calls:\n    " + string.Join("\n    ", r.Diagnostics);
        return text + "\n  load at the end: " + Load();
    }

    private static string Load()
    {
        try { return File.ReadAllText("/proc/loadavg").Trim(); }
        catch (IOException) { return "unknown"; }
    }

    private static async Task CleanUpAsync(string connectionString, string id, ClusterAreaGrid grid)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var schemas = string.Join(' ', Enumerable.Range(0, grid.Count).Select(a => $"DROP SCHEMA IF EXISTS {id}_{ClusterAreaGrid.Id(a)} CASCADE;"));
        await using var command = new NpgsqlCommand(
            "DELETE FROM OrleansMembershipTable WHERE DeploymentId = @id; DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @id; " +
            $"DELETE FROM OrleansRemindersTable WHERE ServiceId = @id; {schemas} DROP SCHEMA IF EXISTS {id}_hangfire CASCADE;", connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync();
    }
}
