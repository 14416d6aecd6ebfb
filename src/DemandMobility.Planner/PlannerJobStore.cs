using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace DemandMobility.Planner;

/// <summary>
/// The planner job store of the single-process default: one folder per job in the data folder holding <c>job.json</c>
/// (the record), the submitted inputs (<c>scenario.json</c>, <c>pupils.csv</c>) and <c>report/</c> (the files of a
/// succeeded run). A restart or a lost Hangfire storage loses no record. Records are
/// replaced by writing a temporary file and renaming it over the old one, so a crash leaves the old or the new record,
/// never half of one.
/// </summary>
public sealed partial class PlannerJobStore : IPlannerJobStore
{
    /// <summary>How records are written (shared with the PostgreSQL store, which keeps the same JSON).</summary>
    internal static readonly JsonSerializerOptions Json = new()
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

    /// <inheritdoc />
    public PlannerJobRecord Create(PlannerJobRecord record, IReadOnlyDictionary<string, string> inputs)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(inputs);
        var folder = Folder(record.Id);
        lock (_gate)
        {
            if (Directory.Exists(folder)) throw new InvalidOperationException($"Planner job '{record.Id}' exists already.");
            Directory.CreateDirectory(folder);
            foreach (var (name, text) in inputs) File.WriteAllText(InputPath(folder, name), text);
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

    /// <inheritdoc />
    public string? InputText(string id, string name)
    {
        var file = InputPath(Folder(id), name);
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

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

    /// <inheritdoc />
    /// <remarks>The report folder itself: the files stay where the run wrote them.</remarks>
    public string WorkFolder(string id) => ReportFolder(id);

    /// <inheritdoc />
    public ImmutableArray<ReportFile> SaveReport(string id, IReadOnlyList<string> files) => Describe(files);

    /// <inheritdoc />
    public Stream OpenReportFile(string id, string name)
    {
        var job = this.Get(id);
        PlannerJobStores.CheckDownloadable(job, name);
        return new FileStream(Path.Combine(ReportFolder(id), name), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
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

    private static string InputPath(string folder, string name)
    {
        // Inputs are named by the code (scenario.json, pupils.csv), never by a caller; the record and the report keep their names.
        if (!InputNamePattern().IsMatch(name) || name is "job.json")
            throw new ArgumentException($"'{name}' is not a planner job input name.", nameof(name));
        return Path.Combine(folder, name);
    }

    private void Write(PlannerJobRecord record)
    {
        var file = Path.Combine(Folder(record.Id), "job.json");
        var temp = $"{file}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, Serialize(record));
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

    private static PlannerJobRecord Read(string file) => Deserialize(File.ReadAllText(file), file);

    /// <summary>A record from its JSON.</summary>
    internal static PlannerJobRecord Deserialize(string json, string source) =>
        JsonSerializer.Deserialize<PlannerJobRecord>(json, Json) ?? throw new InvalidDataException($"{source}: empty planner job record.");

    /// <summary>The JSON of a record.</summary>
    internal static string Serialize(PlannerJobRecord record) => JsonSerializer.Serialize(record, Json);

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z0-9-]{1,40}\\.(json|csv)$")]
    private static partial Regex InputNamePattern();
}
