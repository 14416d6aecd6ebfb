using DemandMobility.Simulator.Scenario;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;

namespace DemandMobility.Planner.Tests;

/// <summary>Submit and cancel against Hangfire's real client on in-memory storage (no worker: jobs stay queued).</summary>
public sealed class PlannerJobsTests : IDisposable
{
    private const string Scenario = """
        { "name": "unit", "region_pbf": "routing-data/north-bayreuth.osm.pbf", "date": "2026-03-10", "time_zone": "Europe/Berlin",
          "day_start": "07:00", "day_end": "07:30", "seed": 2,
          "fleet": [ { "count": 1, "seats": 8, "depot": { "lat": 49.983, "lon": 11.585 }, "shift_start": "07:00", "shift_end": "08:00" } ],
          "demand": { "mode": "synthetic", "trips_per_day": 4, "time_profile": [[7, 1.0]] } }
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dm-planner-tests-" + Guid.NewGuid().ToString("N"));
    private readonly InMemoryStorage _storage = new();
    private readonly PlannerJobStore _store;
    private readonly PlannerJobs _jobs;

    public PlannerJobsTests()
    {
        var root = RepositoryPaths.FindRoot() ?? throw new InvalidOperationException("repository root not found");
        var settings = new PlannerSettings(_dir, Path.Combine(root, "simulator", "scenarios"), null, null);
        _store = new PlannerJobStore(settings);
        _jobs = new PlannerJobs(_store, settings, new BackgroundJobClient(_storage), new RunningJobs(), TimeProvider.System);
    }

    [Fact]
    public void A_valid_scenario_is_recorded_and_queued_on_Hangfire_and_a_queued_cancel_deletes_it()
    {
        var job = _jobs.SubmitSimulation(Scenario, seed: 9, "pia");
        Assert.Equal(PlannerJobState.Queued, job.State);
        Assert.Equal(9, job.Seed);
        Assert.Equal("unit", job.ScenarioName);
        Assert.NotNull(job.BackgroundJobId);
        using (var connection = _storage.GetConnection())
            Assert.Equal(EnqueuedState.StateName, connection.GetStateData(job.BackgroundJobId!).Name);

        var cancelled = _jobs.Cancel(job.Id, "dora");
        Assert.Equal(PlannerJobState.Cancelled, cancelled.State);
        Assert.Equal("Cancelled by dora.", cancelled.Message);
        using (var connection = _storage.GetConnection())
            Assert.Equal(DeletedState.StateName, connection.GetStateData(job.BackgroundJobId!).Name);
        var again = Assert.Throws<PlannerJobException>(() => _jobs.Cancel(job.Id, "dora"));
        Assert.Equal(PlannerJobErrorKind.Precondition, again.Kind);
    }

    [Theory]
    [InlineData("\"count\": 1", "\"count\": -1", "fleet[0].count")]
    [InlineData("\"time_zone\"", "\"time_zon\"", "time_zon")]
    [InlineData("routing-data/north-bayreuth.osm.pbf", "routing-data/missing.osm.pbf", "region_pbf")]
    public void A_bad_scenario_names_the_key_and_records_nothing(string from, string to, string named)
    {
        var e = Assert.Throws<PlannerJobException>(() => _jobs.SubmitSimulation(Scenario.Replace(from, to, StringComparison.Ordinal), null, "pia"));
        Assert.Equal(PlannerJobErrorKind.Invalid, e.Kind);
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Empty(_store.List(10));
        Assert.Equal(0, _storage.GetMonitoringApi().EnqueuedCount("default"));
    }

    public void Dispose()
    {
        _storage.Dispose();
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* temp folder, best effort */ }
    }
}
