namespace DemandMobility.Planner.Tests;

public sealed class PlannerJobStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dm-planner-tests-" + Guid.NewGuid().ToString("N"));
    private readonly PlannerJobStore _store;

    public PlannerJobStoreTests() => _store = new PlannerJobStore(new PlannerSettings(_dir, _dir, null, null));

    private static PlannerJobRecord Job(string id, PlannerJobState state, int minutesAgo = 0) =>
        new(id, state, 0, "s", 1, "pia", new DateTimeOffset(2030, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(-minutesAgo));

    [Fact]
    public void A_record_round_trips_and_is_replaced_whole()
    {
        _store.Create(Job("sim-a", PlannerJobState.Queued), "{\"name\":\"s\"}");
        var updated = _store.Update("sim-a", j => j with { State = PlannerJobState.Succeeded, Progress = 1, Files = [new ReportFile("kpis.json", 12)], Kpis = j.Kpis.Add("requests", 8).Add("wait_p50_s", double.NaN) });
        var read = new PlannerJobStore(new PlannerSettings(_dir, _dir, null, null)).Get("sim-a");
        Assert.Equal(updated.State, read.State);
        Assert.Equal(updated.Files.ToArray(), read.Files.ToArray());
        Assert.Equal(8, read.Kpis["requests"]);
        Assert.True(double.IsNaN(read.Kpis["wait_p50_s"]), "a NaN KPI is stored and read back");
        Assert.Equal("{\"name\":\"s\"}", _store.ScenarioText("sim-a"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_dir, "planner-jobs", "sim-a"), "*.tmp"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("SIM-A")]
    [InlineData("")]
    [InlineData("a/b")]
    public void Ids_outside_the_pattern_are_refused_before_touching_the_disk(string id)
    {
        var e = Assert.Throws<PlannerJobException>(() => _store.Find(id));
        Assert.Equal(PlannerJobErrorKind.Invalid, e.Kind);
        Assert.Equal("job_id", e.Field);
    }

    [Fact]
    public void Unfinished_jobs_become_interrupted_and_finished_ones_stay()
    {
        _store.Create(Job("q", PlannerJobState.Queued, 3), "{}");
        _store.Create(Job("r", PlannerJobState.Running, 2), "{}");
        _store.Create(Job("s", PlannerJobState.Succeeded, 1), "{}");
        var now = new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(2, _store.MarkUnfinishedInterrupted(now));
        Assert.Equal(PlannerJobState.Interrupted, _store.Get("q").State);
        Assert.Contains("queued", _store.Get("q").Message, StringComparison.Ordinal);
        Assert.Contains("running", _store.Get("r").Message, StringComparison.Ordinal);
        Assert.Equal(now, _store.Get("r").FinishedAt);
        Assert.Equal(PlannerJobState.Succeeded, _store.Get("s").State);
        Assert.Equal(["s", "r", "q"], _store.List(10).Select(j => j.Id));
        Assert.Equal(0, _store.MarkUnfinishedInterrupted(now));
    }

    [Fact]
    public void Only_listed_report_files_open()
    {
        _store.Create(Job("sim-b", PlannerJobState.Succeeded), "{}");
        Directory.CreateDirectory(_store.ReportFolder("sim-b"));
        File.WriteAllText(Path.Combine(_store.ReportFolder("sim-b"), "kpis.json"), "{}");
        _store.Update("sim-b", j => j with { Files = [new ReportFile("kpis.json", 2)] });
        using (var file = _store.OpenReportFile("sim-b", "kpis.json")) Assert.Equal(2, file.Length);
        var e = Assert.Throws<PlannerJobException>(() => _store.OpenReportFile("sim-b", "../job.json"));
        Assert.Equal(PlannerJobErrorKind.NotFound, e.Kind);
        Assert.Contains("kpis.json", e.Message, StringComparison.Ordinal);
        Assert.Equal(PlannerJobErrorKind.NotFound, Assert.Throws<PlannerJobException>(() => _store.Get("sim-none")).Kind);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); }
        catch (IOException) { /* temp folder, best effort */ }
    }
}
