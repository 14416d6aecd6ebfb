using System.Collections.Immutable;
using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace DemandMobility.Planner;

/// <summary>
/// The planner job store of cluster mode: records, inputs and report files in PostgreSQL tables of their own
/// (<see cref="PlannerSchema"/>), so a job submitted through one node, run on a second and read or downloaded through
/// a third needs no shared folder. A record change is a read-modify-write under the row's lock
/// (<c>SELECT … FOR UPDATE</c>), so the submitting, running and cancelling nodes never lose each other's changes.
/// Report files are <c>bytea</c>: a run writes them to a local work folder, they are checked against
/// <see cref="MaxFileBytes"/> and stored in one transaction, and the work folder is deleted.
/// </summary>
public sealed class PostgresPlannerJobStore : IPlannerJobStore, IDisposable
{
    /// <summary>Default largest report file: a day's report.html and result.json of a Sprinti-scale run are a few MiB.</summary>
    public const long DefaultMaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Largest limit one may configure: a bytea value is at most 1 GB, and a download reads the file whole.</summary>
    public const long LimitMaxFileBytes = 512L * 1024 * 1024;

    /// <summary>Most connections one store (one node) opens.</summary>
    public const int MaxConnections = 8;

    private readonly NpgsqlDataSource _data;
    private readonly string _jobs;
    private readonly string _inputs;
    private readonly string _files;
    private readonly string _workRoot;

    /// <summary>Opens the store in <paramref name="schema"/>, creating or updating its tables.</summary>
    /// <exception cref="ArgumentException">A bad schema name or file limit.</exception>
    /// <exception cref="InvalidOperationException">The database is unreachable or refused the tables.</exception>
    public PostgresPlannerJobStore(string connectionString, string schema, long maxFileBytes = DefaultMaxFileBytes, string? workRoot = null)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) throw new ArgumentException("The planner job store needs a PostgreSQL connection string.", nameof(connectionString));
        if (maxFileBytes is < 1 or > LimitMaxFileBytes)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Planner:MaxFileBytes {maxFileBytes} must be between 1 and {LimitMaxFileBytes}."), nameof(maxFileBytes));
        PlannerSchema.Check(schema);
        MaxFileBytes = maxFileBytes;
        var source = new NpgsqlDataSourceBuilder(connectionString);
        // A node needs a few at once (a run's updates, watchers' polls, downloads); the database's slots are shared
        // with Orleans, Hangfire and the area stores of every node.
        source.ConnectionStringBuilder.MaxPoolSize = Math.Min(source.ConnectionStringBuilder.MaxPoolSize, MaxConnections);
        _data = source.Build();
        _jobs = $"\"{schema}\".planner_jobs";
        _inputs = $"\"{schema}\".planner_job_inputs";
        _files = $"\"{schema}\".planner_job_files";
        _workRoot = workRoot ?? Path.Combine(Path.GetTempPath(), "dm-planner-work");
        try
        {
            PlannerSchema.Apply(_data, schema);
        }
        catch
        {
            _data.Dispose();
            throw;
        }
    }

    /// <summary>Largest report file kept.</summary>
    public long MaxFileBytes { get; }

    /// <inheritdoc />
    public PlannerJobRecord Create(PlannerJobRecord record, IReadOnlyDictionary<string, string> inputs)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(inputs);
        CheckId(record.Id);
        using var connection = _data.OpenConnection();
        using var tx = connection.BeginTransaction();
        using (var insert = new NpgsqlCommand($"INSERT INTO {_jobs} (id, submitted_at, record) VALUES (@id, @at, @record) ON CONFLICT (id) DO NOTHING", connection, tx))
        {
            insert.Parameters.AddWithValue("id", record.Id);
            insert.Parameters.AddWithValue("at", record.SubmittedAt.ToUniversalTime());
            insert.Parameters.AddWithValue("record", NpgsqlDbType.Jsonb, PlannerJobStore.Serialize(record));
            if (insert.ExecuteNonQuery() == 0) throw new InvalidOperationException($"Planner job '{record.Id}' exists already.");
        }
        foreach (var (name, text) in inputs)
        {
            using var input = new NpgsqlCommand($"INSERT INTO {_inputs} (job_id, name, content) VALUES (@id, @name, @content)", connection, tx);
            input.Parameters.AddWithValue("id", record.Id);
            input.Parameters.AddWithValue("name", name);
            input.Parameters.AddWithValue("content", text);
            input.ExecuteNonQuery();
        }
        tx.Commit();
        return record;
    }

    /// <inheritdoc />
    public PlannerJobRecord? Find(string id)
    {
        CheckId(id);
        using var command = _data.CreateCommand($"SELECT record::text FROM {_jobs} WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        return command.ExecuteScalar() is string json ? PlannerJobStore.Deserialize(json, $"planner job {id}") : null;
    }

    /// <inheritdoc />
    public string? InputText(string id, string name)
    {
        CheckId(id);
        using var command = _data.CreateCommand($"SELECT content FROM {_inputs} WHERE job_id = @id AND name = @name");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", name);
        return command.ExecuteScalar() as string;
    }

    /// <inheritdoc />
    public IReadOnlyList<PlannerJobRecord> List(int limit)
    {
        using var command = _data.CreateCommand($"SELECT id, record::text FROM {_jobs} ORDER BY submitted_at DESC, id DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", (long)Math.Max(0, limit));
        using var reader = command.ExecuteReader();
        var jobs = new List<PlannerJobRecord>();
        while (reader.Read()) jobs.Add(PlannerJobStore.Deserialize(reader.GetString(1), $"planner job {reader.GetString(0)}"));
        return jobs;
    }

    /// <inheritdoc />
    public PlannerJobRecord Update(string id, Func<PlannerJobRecord, PlannerJobRecord> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        CheckId(id);
        using var connection = _data.OpenConnection();
        using var tx = connection.BeginTransaction();
        string json;
        using (var read = new NpgsqlCommand($"SELECT record::text FROM {_jobs} WHERE id = @id FOR UPDATE", connection, tx))
        {
            read.Parameters.AddWithValue("id", id);
            json = read.ExecuteScalar() as string
                   ?? throw new PlannerJobException(PlannerJobErrorKind.NotFound, "job_id", $"Planner job '{id}' not found.");
        }
        var next = change(PlannerJobStore.Deserialize(json, $"planner job {id}"));
        if (!string.Equals(next.Id, id, StringComparison.Ordinal)) throw new InvalidOperationException("A planner job record cannot change its id.");
        using (var write = new NpgsqlCommand($"UPDATE {_jobs} SET record = @record WHERE id = @id", connection, tx))
        {
            write.Parameters.AddWithValue("id", id);
            write.Parameters.AddWithValue("record", NpgsqlDbType.Jsonb, PlannerJobStore.Serialize(next));
            write.ExecuteNonQuery();
        }
        tx.Commit();
        return next;
    }

    /// <inheritdoc />
    /// <remarks>A folder under the node's temporary folder, emptied first (a crashed earlier run may have left files).</remarks>
    public string WorkFolder(string id)
    {
        CheckId(id);
        var folder = Path.Combine(_workRoot, id);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <inheritdoc />
    public ImmutableArray<ReportFile> SaveReport(string id, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        CheckId(id);
        var described = PlannerJobStore.Describe(files);
        try
        {
            // Every file is checked before any is stored, so a job never ends with half a report.
            foreach (var file in described.Where(f => f.SizeBytes > MaxFileBytes))
                throw new PlannerReportTooLargeException(string.Create(CultureInfo.InvariantCulture,
                    $"Report file '{file.Name}' has {file.SizeBytes:N0} bytes; the PostgreSQL job store keeps files of at most {MaxFileBytes:N0} bytes (Planner:MaxFileBytes). Raise the limit, or give a target folder (store backups)."));
            using var connection = _data.OpenConnection();
            using var tx = connection.BeginTransaction();
            using (var clear = new NpgsqlCommand($"DELETE FROM {_files} WHERE job_id = @id", connection, tx))
            {
                clear.Parameters.AddWithValue("id", id);
                clear.ExecuteNonQuery();
            }
            foreach (var path in files)
            {
                using var insert = new NpgsqlCommand($"INSERT INTO {_files} (job_id, name, size_bytes, content) VALUES (@id, @name, @size, @content)", connection, tx);
                byte[] content = File.ReadAllBytes(path);
                insert.Parameters.AddWithValue("id", id);
                insert.Parameters.AddWithValue("name", Path.GetFileName(path));
                insert.Parameters.AddWithValue("size", (long)content.Length);
                insert.Parameters.AddWithValue("content", content);
                insert.ExecuteNonQuery();
            }
            tx.Commit();
            return described;
        }
        finally
        {
            var folder = Path.Combine(_workRoot, id);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <inheritdoc />
    public Stream OpenReportFile(string id, string name)
    {
        var job = this.Get(id);
        PlannerJobStores.CheckDownloadable(job, name);
        using var command = _data.CreateCommand($"SELECT content FROM {_files} WHERE job_id = @id AND name = @name");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", name);
        var content = command.ExecuteScalar() as byte[]
                      ?? throw new PlannerJobException(PlannerJobErrorKind.NotFound, "name", $"Planner job '{id}' lists '{name}' but its content is missing from the store.");
        return new MemoryStream(content, writable: false);
    }

    /// <inheritdoc />
    public void Dispose() => _data.Dispose();

    private static void CheckId(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 40 || !id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "job_id", $"'{id}' is not a planner job id (1-40 of a-z, 0-9, '-').");
    }
}
