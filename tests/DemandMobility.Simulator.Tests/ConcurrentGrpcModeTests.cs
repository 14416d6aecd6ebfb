using DemandMobility.Contracts.V1;
using DemandMobility.Security;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>
/// The simulator's gRPC mode with several requests in flight (<see cref="RequestConcurrency"/>), against the real
/// server on loopback: the report stays complete and consistent (every trip asked and answered once, every booking
/// the server confirmed is in the report and on the server), and with requests kept in order per area a seed gives
/// one result.
/// </summary>
public sealed class ConcurrentGrpcModeTests
{
    // Ten-minute intervals: the 60-trip test day has about five requests in each.
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Unordered_concurrent_requests_give_a_complete_consistent_report_with_no_booking_lost()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var travel = TestRoadNetwork.Travel;
        var scenario = TestScenarios.Small(vehicles: 4, seed: 21);
        var demand = TestScenarios.Passengers(scenario, 60, 21, travel);

        await using var server = await GrpcModeTests.SimServer.StartAsync(GrpcModeTests.ServerArgs(scenario));
        var probe = new ConcurrencyProbeGateway(await GrpcGateway.ConnectAsync(server.Address, server.Token(Roles.Dispatcher), scenario.Options,
            scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations, GrpcModeTests.StartOf(scenario), timeout.Token));
        await using var gateway = probe;
        var result = await Simulation.RunAsync(scenario, travel, demand, gateway, cancellationToken: timeout.Token,
            concurrency: new RequestConcurrency(6, Interval, PerAreaOrder: false));

        Assert.True(result.Completed);
        Invariants.Check(result, scenario.Options.BoardingTime);
        Assert.Equal(0, result.Kpis["dispatcher_call_failures"]);
        Assert.True(probe.MaxQuotesInFlight >= 2, $"at most {probe.MaxQuotesInFlight} quote in flight: nothing ran concurrently");
        Assert.True(probe.MaxQuotesInFlight <= 6, $"{probe.MaxQuotesInFlight} quotes in flight, bound 6");
        await AssertCompleteAsync(result, probe, new BookingService.BookingServiceClient(server.Channel), server.As(Roles.Dispatcher),
            scenario.Settings.Riders.MaxAlternatives);
        Assert.NotNull(result.Quotes);
        Assert.Equal(probe.QuotesByRider.Values.Sum(), result.Quotes!.Count);
        Assert.Equal(6, result.Quotes.Concurrency);
        Assert.True(result.Quotes.P50Ms > 0 && result.Quotes.P99Ms >= result.Quotes.P50Ms && result.Quotes.PerSecond > 0);
    }

    [Fact]
    public async Task A_batched_day_is_the_same_with_one_call_and_with_four_calls_in_flight()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var travel = TestRoadNetwork.Travel;
        // All shifts start together and a tenth of the riders cancel: shift starts, manifest reads after rounds and
        // cancellations and the fixes before quotes all take the batched paths.
        var scenario = TestScenarios.Small(vehicles: 3, seed: 22);
        var demand = TestScenarios.Passengers(scenario, 60, 22, travel, prebookedShare: 0.6);
        var runs = new List<SimulationResult>();
        var reads = new List<int>();
        foreach (int inFlight in new[] { 1, 4 })
        {
            await using var server = await GrpcModeTests.SimServer.StartAsync(GrpcModeTests.ServerArgs(scenario));
            var probe = new ConcurrencyProbeGateway(await GrpcGateway.ConnectAsync(server.Address, server.Token(Roles.Dispatcher), scenario.Options,
                scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations, GrpcModeTests.StartOf(scenario), timeout.Token));
            await using var gateway = probe;
            runs.Add(await Simulation.RunAsync(scenario, travel, demand, gateway, cancellationToken: timeout.Token,
                concurrency: new RequestConcurrency(inFlight, Interval)));
            reads.Add(probe.MaxManifestsInFlight);
        }

        Assert.All(runs, r => Assert.True(r.Completed));
        Assert.True(runs[0].Kpis["served"] > 0, "nothing served: the comparison would prove little");
        Assert.True(runs[0].Kpis["cancelled"] > 0, "nobody cancelled: the batched manifest reads after a cancellation were not compared");
        Assert.Equal(1, reads[0]);
        Assert.True(reads[1] >= 2, $"at most {reads[1]} manifest read in flight with 4 allowed: nothing overlapped");
        Assert.Equal(runs[0].Kpis.OrderBy(k => k.Key, StringComparer.Ordinal), runs[1].Kpis.OrderBy(k => k.Key, StringComparer.Ordinal));
        Assert.Equal(runs[0].Trips.Length, runs[1].Trips.Length);
        for (int i = 0; i < runs[0].Trips.Length; i++) Assert.Equal(runs[0].Trips[i], runs[1].Trips[i]);
        Assert.Equal(runs[0].Diagnostics, runs[1].Diagnostics);
    }

    [ClusterPostgresFact]
    public async Task Areas_of_a_cluster_are_asked_concurrently_and_every_booking_is_reported_and_kept()
    {
        string connectionString = ClusterPostgresFactAttribute.RequireConnectionString();
        string id = "simc" + Guid.NewGuid().ToString("N")[..10];
        string data = Path.Combine(Path.GetTempPath(), "dm-sim-cluster-" + id);
        Directory.CreateDirectory(data);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var travel = TestRoadNetwork.Travel;
        var scenario = ClusterGrpcModeTests.TwoAreaScenario(seed: 6);
        var demand = TestScenarios.Passengers(scenario, 40, 6, travel);
        try
        {
            string[] args = [.. GrpcModeTests.ServerArgs(scenario), "--DataDirectory", data];
            await using var a = await ClusterGrpcModeTests.StartSiloAsync(args, connectionString, id, timeout.Token);
            await using var b = await ClusterGrpcModeTests.StartSiloAsync(args, connectionString, id, timeout.Token);
            var probe = new ConcurrencyProbeGateway(await GrpcGateway.ConnectAsync(a.Address, a.Token(Roles.Dispatcher), scenario.Options,
                scenario.Settings.Seed, scenario.Settings.Reoptimisation.Iterations, GrpcModeTests.StartOf(scenario), timeout.Token));
            await using var gateway = probe;
            var result = await Simulation.RunAsync(scenario, travel, demand, gateway, cancellationToken: timeout.Token,
                concurrency: new RequestConcurrency(4, Interval));

            Assert.True(result.Completed);
            Invariants.KpisAddUp(result);
            Assert.Equal(0, result.Kpis["dispatcher_call_failures"]);
            // Two areas, two lanes: the west and east requests of an interval were asked at the same time.
            Assert.True(probe.MaxQuotesInFlight >= 2, $"at most {probe.MaxQuotesInFlight} quote in flight: the areas were not asked concurrently");
            var served = result.Trips.Where(t => t.Outcome == TripOutcome.Served).ToList();
            Assert.Contains(served, t => t.BookingId!.StartsWith("west.", StringComparison.Ordinal));
            Assert.Contains(served, t => t.BookingId!.StartsWith("east.", StringComparison.Ordinal));
            // Every booking is read back through the other silo.
            using var channel = GrpcChannel.ForAddress(b.Address);
            await AssertCompleteAsync(result, probe, new BookingService.BookingServiceClient(channel), b.As(Roles.Dispatcher),
                scenario.Settings.Riders.MaxAlternatives);
        }
        finally
        {
            await ClusterGrpcModeTests.CleanUpAsync(connectionString, id);
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { /* best effort: a temp folder */ }
        }
    }

    [Fact]
    public async Task Concurrency_without_a_server_or_out_of_range_and_unordered_alone_are_refused_naming_the_option()
    {
        var root = RepositoryPaths.FindRoot(AppContext.BaseDirectory)!;
        string scenario = Path.Combine(root, "simulator", "scenarios", "sprinti-bayreuth.json");
        var inProcess = new StringWriter();
        Assert.Equal(2, await Cli.SimulateCommand.RunAsync(new Cli.SimulateArguments(scenario, Path.GetTempPath(), Concurrency: 4),
            new StringWriter(), inProcess, CancellationToken.None));
        Assert.Contains("--concurrency and --unordered need --server", inProcess.ToString(), StringComparison.Ordinal);
        var zero = new StringWriter();
        Assert.Equal(2, await Cli.SimulateCommand.RunAsync(new Cli.SimulateArguments(scenario, Path.GetTempPath(), Server: "http://127.0.0.1:1", Token: "x", Concurrency: 0),
            new StringWriter(), zero, CancellationToken.None));
        Assert.Contains("--concurrency: 0 must be 1–256", zero.ToString(), StringComparison.Ordinal);
        var unordered = new StringWriter();
        Assert.Equal(2, await Cli.SimulateCommand.RunAsync(new Cli.SimulateArguments(scenario, Path.GetTempPath(), Server: "http://127.0.0.1:1", Token: "x", Unordered: true),
            new StringWriter(), unordered, CancellationToken.None));
        Assert.Contains("--unordered needs --concurrency N", unordered.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Every trip was asked (at most once plus its alternatives) and ended with an outcome; every booking the server
    /// confirmed is the one the trip's row names, and the server still has it in the state the row says.
    /// </summary>
    private static async Task AssertCompleteAsync(SimulationResult result, ConcurrencyProbeGateway probe,
        BookingService.BookingServiceClient bookings, CallOptions dispatcher, int maxAlternatives)
    {
        Assert.Equal(result.Trips.Select(t => t.TripId).Order(StringComparer.Ordinal), probe.QuotesByRider.Keys.Order(StringComparer.Ordinal));
        Assert.All(probe.QuotesByRider, q => Assert.InRange(q.Value, 1, 1 + maxAlternatives));
        Assert.DoesNotContain(result.Trips, t => t.Reason == "not_requested");
        var booked = result.Trips.Where(t => t.BookingId is not null).ToList();
        Assert.Equal(probe.ConfirmedByRider.Count, booked.Count);
        Assert.True(booked.Count > 0, "no booking: the check would prove little");
        foreach (var trip in booked)
        {
            Assert.Equal(probe.ConfirmedByRider[trip.TripId], trip.BookingId);
            var onServer = await bookings.GetBookingAsync(new GetBookingRequest { BookingId = trip.BookingId }, dispatcher);
            var expected = trip.Outcome switch
            {
                TripOutcome.Served => BookingStatus.Completed,
                TripOutcome.Cancelled => BookingStatus.Cancelled,
                TripOutcome.NoShow => BookingStatus.NoShow,
                _ => onServer.Status,
            };
            Assert.True(expected == onServer.Status, $"{trip.TripId} ({trip.Outcome}): booking {trip.BookingId} is {onServer.Status} on the server");
        }
    }
}
