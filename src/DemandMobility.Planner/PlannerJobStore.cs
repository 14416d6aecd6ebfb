using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace DemandMobility.Planner;

/// <summary>
/// The system of record of planner jobs: one folder per job in the data folder holding <c>job.json</c> (the record),
/// <c>scenario.json</c> (the submitted text) and <c>report/</c> (the files of a succeeded run). Hangfire only schedules
/// and runs; what a caller sees comes from here, so a restart or a lost Hangfire storage loses no record. Records are
/// replaced by writing a temporary file and renaming it over the old one, so a crash leaves the old or the new record,
/// never half of one.
/// </summary>
public sealed partial class PlannerJobStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // KPIs of a run without served trips are NaN (e.g. a wait percentile); JSON has no literal for them otherwise.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly string _root;
    private readonly Lock _gate = new();

    /// <summary>Opens (and creates) the jobs folder.</summary>
    public PlannerJobStore(PlannerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _root = settings.JobsDirectory;
        Directory.CreateDirectory(_root);
    }

    /// <summary>Stores a new job and its scenario text.</summary>
    public PlannerJobRecord Create(PlannerJobRecord record, string scenarioJson)
    {
        ArgumentNullException.ThrowIfNull(record);
        var folder = Folder(record.Id);
        lock (_gate)
        {
            if (Directory.Exists(folder)) throw new InvalidOperationException($"Planner job '{record.Id}' exists already.");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "scenario.json"), scenarioJson);
            Write(record);
        }
        return record;
    }

    /// <summary>The job, or null.</summary>
    /// <exception cref="PlannerJobException">The id is not a job id.</exception>
    public PlannerJobRecord? Find(string id)
    {
        var file = Path.Combine(Folder(id), "job.json");
        lock (_gate) return File.Exists(file) ? Read(file) : null;
    }

    /// <summary>The job.</summary>
    /// <exception cref="PlannerJobException">Bad id or no such job.</exception>
    public PlannerJobRecord Get(string id) =>
        Find(id) ?? throw new PlannerJobException(PlannerJobErrorKind.NotFound, "job_id", $"Planner job '{id}' not found.");

    /// <summary>The submitted scenario text of a job.</summary>
    public string ScenarioText(string id) => File.ReadAllText(Path.Combine(Folder(id), "scenario.json"));

    /// <summary>Every job, newest first (at most <paramref name="limit"/>).</summary>
    public IReadOnlyList<PlannerJobRecord> List(int limit)
    {
        lock (_gate)
        {
            return Directory.EnumerateDirectories(_root)
                .Select(d => Path.Combine(d, "job.json"))
                .Where(File.Exists)
                .Select(Read)
                .OrderByDescending(r => r.SubmittedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)
                .Take(limit)
                .ToList();
        }
    }

    /// <summary>Replaces the record by <paramref name="change"/> of the current one (atomic within this process).</summary>
    public PlannerJobRecord Update(string id, Func<PlannerJobRecord, PlannerJobRecord> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var file = Path.Combine(Folder(id), "job.json");
            if (!File.Exists(file)) throw new PlannerJobException(PlannerJobErrorKind.NotFound, "job_id", $"Planner job '{id}' not found.");
            // Nodes sharing the data folder (cluster mode) change one record too: the submitting node, the running one,
            // a cancelling one. An exclusive lock file serialises their read-modify-write (.NET locks it with flock).
            using var fileLock = LockFile(file + ".lock");
            var next = change(Read(file));
            Write(next);
            return next;
        }
    }

    /// <summary>The folder a succeeded job's report files are written to.</summary>
    public string ReportFolder(string id) => Path.Combine(Folder(id), "report");

    /// <summary>Opens a report file listed in the job's record.</summary>
    /// <exception cref="PlannerJobException">Unknown job, or a name the record does not list.</exception>
    public FileStream OpenReportFile(string id, string name)
    {
        var job = Get(id);
        if (!job.Files.Any(f => string.Equals(f.Name, name, StringComparison.Ordinal)))
        {
            string listed = job.Files.IsEmpty ? "the job has no report files" : "its files are " + string.Join(", ", job.Files.Select(f => f.Name));
            throw new PlannerJobException(PlannerJobErrorKind.NotFound, "name", $"Planner job '{id}' has no report file '{name}' ({listed}).");
        }
        return new FileStream(Path.Combine(ReportFolder(id), name), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
    }

    /// <summary>Marks every queued or running job interrupted (their storage did not outlive the node); returns how many.</summary>
    public int MarkUnfinishedInterrupted(DateTimeOffset now)
    {
        int count = 0;
        foreach (var job in List(int.MaxValue).Where(j => !j.State.IsFinal()))
        {
            Update(job.Id, j => j.State.IsFinal() ? j : j with
            {
                State = PlannerJobState.Interrupted,
                FinishedAt = now,
                Message = $"The server stopped while the job was {(j.State == PlannerJobState.Running ? "running" : "queued")}; submit it again.",
            });
            count++;
        }
        return count;
    }

    /// <summary>Lists the files of a report folder (names and sizes).</summary>
    public static ImmutableArray<ReportFile> Describe(IEnumerable<string> paths) =>
        [.. paths.Select(p => new FileInfo(p)).Select(f => new ReportFile(f.Name, f.Length)).OrderBy(f => f.Name, StringComparer.Ordinal)];

    private string Folder(string id)
    {
        if (string.IsNullOrEmpty(id) || !IdPattern().IsMatch(id))
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "job_id", $"'{id}' is not a planner job id (1-40 of a-z, 0-9, '-').");
        return Path.Combine(_root, id);
    }

    private void Write(PlannerJobRecord record)
    {
        var file = Path.Combine(Folder(record.Id), "job.json");
        var temp = $"{file}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(record, Json));
        File.Move(temp, file, overwrite: true);
    }

    private static FileStream LockFile(string path)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(5);
            }
        }
    }

    private static PlannerJobRecord Read(string file) =>
        JsonSerializer.Deserialize<PlannerJobRecord>(File.ReadAllText(file), Json)
            ?? throw new InvalidDataException($"{file}: empty planner job record.");

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex IdPattern();
}
