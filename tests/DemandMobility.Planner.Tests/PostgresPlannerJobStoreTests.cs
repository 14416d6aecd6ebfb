using System.Collections.Immutable;
using Npgsql;

namespace DemandMobility.Planner.Tests;

/// <summary>The PostgreSQL job store against a real server: records, inputs and files round-trip; limits and bad ids are refused.</summary>
public sealed class PostgresPlannerJobStoreTests : IAsyncLifetime
{
    private readonly string _schema = "pjs_" + Guid.NewGuid().ToString("N")[..10];
    private readonly string _work = Path.Combine(Path.GetTempPath(), "dm-pjs-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (PostgresFactAttribute.ConnectionString is not { } connectionString) return;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private PostgresPlannerJobStore Open(long maxFileBytes = PostgresPlannerJobStore.DefaultMaxFileBytes) =>
        new(PostgresFactAttribute.RequireConnectionString(), _schema, maxFileBytes, _work);

    private static PlannerJobRecord Record(string id, int minute) =>
        new(id, PlannerJobState.Queued, 0, "unit", 1, "pia", new DateTimeOffset(2026, 3, 10, 7, minute, 0, TimeSpan.Zero), Kind: PlannerJobKind.SchoolPlanning);

    [PostgresFact]
    public void Records_inputs_and_files_round_trip_and_a_second_store_sees_them()
    {
        using var store = Open();
        store.Create(Record("school-a", 1), new Dictionary<string, string> { ["scenario.json"] = "{ }", ["pupils.csv"] = "id\np1\n" });
        store.Create(Record("school-b", 2), new Dictionary<string, string> { ["scenario.json"] = "{ \"b\": 1 }" });
        Assert.Throws<InvalidOperationException>(() => store.Create(Record("school-a", 3), new Dictionary<string, string>()));

        var work = store.WorkFolder("school-a");
        File.WriteAllText(Path.Combine(work, "report.html"), "<html>routes</html>");
        File.WriteAllBytes(Path.Combine(work, "billing.csv"), [1, 2, 3, 0, 255]);
        var files = store.SaveReport("school-a", [Path.Combine(work, "report.html"), Path.Combine(work, "billing.csv")]);
        Assert.False(Directory.Exists(work), "the work folder is removed once the files are stored");
        store.Update("school-a", j => j with
        {
            State = PlannerJobState.Succeeded, Files = files, Progress = 1,
            Kpis = ImmutableSortedDictionary<string, double>.Empty.Add("pupils", 4).Add("school_latest_arrival_margin_s", double.NaN),
        });

        // A second store on the same schema (another node) reads the same record, inputs and bytes.
        using var other = Open();
        var read = other.Get("school-a");
        Assert.Equal(PlannerJobState.Succeeded, read.State);
        Assert.Equal(PlannerJobKind.SchoolPlanning, read.Kind);
        Assert.Equal(4, read.Kpis["pupils"]);
        Assert.True(double.IsNaN(read.Kpis["school_latest_arrival_margin_s"]));
        Assert.Equal(["billing.csv", "report.html"], read.Files.Select(f => f.Name));
        Assert.Equal("id\np1\n", other.InputText("school-a", "pupils.csv"));
        Assert.Null(other.InputText("school-b", "pupils.csv"));
        using (var stream = other.OpenReportFile("school-a", "billing.csv"))
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            Assert.Equal(new byte[] { 1, 2, 3, 0, 255 }, copy.ToArray());
        }
        Assert.Equal(["school-b", "school-a"], other.List(10).Select(j => j.Id));
        Assert.Equal(PlannerJobErrorKind.NotFound, Assert.Throws<PlannerJobException>(() => other.OpenReportFile("school-a", "../job.json")).Kind);
        Assert.Equal(PlannerJobErrorKind.NotFound, Assert.Throws<PlannerJobException>(() => other.Get("school-zzz")).Kind);
        Assert.Equal(PlannerJobErrorKind.Invalid, Assert.Throws<PlannerJobException>(() => other.Find("Robert'); DROP TABLE x;--")).Kind);
    }

    [PostgresFact]
    public async Task Concurrent_updates_from_two_stores_lose_nothing()
    {
        using var a = Open();
        using var b = Open();
        a.Create(Record("sim-count", 1), new Dictionary<string, string> { ["scenario.json"] = "{}" });
        // Each update adds 1 to the seed: a lost update would show as a smaller total.
        await Task.WhenAll(
            Task.Run(() => { for (int i = 0; i < 40; i++) a.Update("sim-count", j => j with { Seed = j.Seed + 1 }); }),
            Task.Run(() => { for (int i = 0; i < 40; i++) b.Update("sim-count", j => j with { Seed = j.Seed + 1 }); }));
        Assert.Equal(81, a.Get("sim-count").Seed);
    }

    [PostgresFact]
    public void A_file_over_the_limit_is_refused_naming_it_and_nothing_is_stored()
    {
        using var store = Open(maxFileBytes: 10);
        store.Create(Record("sim-big", 1), new Dictionary<string, string> { ["scenario.json"] = "{}" });
        var work = store.WorkFolder("sim-big");
        File.WriteAllText(Path.Combine(work, "kpis.json"), "{}");
        File.WriteAllText(Path.Combine(work, "report.html"), new string('x', 11));
        var e = Assert.Throws<PlannerReportTooLargeException>(() =>
            store.SaveReport("sim-big", [Path.Combine(work, "kpis.json"), Path.Combine(work, "report.html")]));
        Assert.Contains("report.html", e.Message, StringComparison.Ordinal);
        Assert.Contains("Planner:MaxFileBytes", e.Message, StringComparison.Ordinal);
        using var connection = new NpgsqlConnection(PostgresFactAttribute.RequireConnectionString());
        connection.Open();
        using var count = new NpgsqlCommand($"SELECT count(*) FROM {_schema}.planner_job_files", connection);
        Assert.Equal(0L, (long)count.ExecuteScalar()!);
    }

    [Fact]
    public void Bad_schema_names_and_limits_are_refused_before_connecting()
    {
        Assert.Contains("schema", Assert.Throws<ArgumentException>(() => new PostgresPlannerJobStore("Host=127.0.0.1;Port=1", "Bad-Schema")).Message, StringComparison.Ordinal);
        Assert.Contains("MaxFileBytes", Assert.Throws<ArgumentException>(() => new PostgresPlannerJobStore("Host=127.0.0.1;Port=1", "planner", 0)).Message, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"planner\".planner_jobs", PlannerSchema.ScriptFor("planner"), StringComparison.Ordinal);
        Assert.DoesNotContain(":\"schema\"", PlannerSchema.ScriptFor("planner"), StringComparison.Ordinal);
    }
}
