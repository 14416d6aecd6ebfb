using System.Security.Cryptography;
using DemandMobility.Simulator.Scenario;
using Hangfire;

namespace DemandMobility.Planner;

/// <summary>
/// Submitting and cancelling planner jobs: the record goes to <see cref="PlannerJobStore"/>, the run to Hangfire.
/// A scenario is checked before it is queued, so a bad one is refused at once with the key named.
/// </summary>
public sealed class PlannerJobs(IPlannerJobStore store, PlannerSettings settings, IBackgroundJobClient hangfire, RunningJobs running, TimeProvider clock,
    StoreBackupPlan? backups = null, StoreRestorePlan? restores = null)
{
    /// <summary>Largest scenario text accepted (a scenario is settings, not demand data).</summary>
    public const int MaxScenarioChars = 256 * 1024;

    /// <summary>Checks and queues a simulation scenario.</summary>
    /// <exception cref="PlannerJobException">The scenario is empty, too large or invalid (the message names the key).</exception>
    public PlannerJobRecord SubmitSimulation(string scenarioJson, int? seed, string submittedBy)
    {
        var scenario = Parse(scenarioJson);
        var record = Create("sim", PlannerJobKind.Simulation, scenario.Settings.Name, seed ?? scenario.Settings.Seed, submittedBy, null,
            new Dictionary<string, string>(StringComparer.Ordinal) { [PlannerJobStores.ScenarioInput] = scenarioJson });
        return Queue(record, hangfire.Enqueue<SimulationJob>(job => job.RunAsync(record.Id, CancellationToken.None)));
    }

    /// <summary>
    /// Checks and queues a school-route planning run: a school scenario (with <c>demand.school</c>), and optionally the
    /// pupils (home, school), which then replace the scenario's generated demand.
    /// </summary>
    /// <exception cref="PlannerJobException">The scenario is bad or has no school section, or it has no pupils, or a pupil is bad (the field is named).</exception>
    public PlannerJobRecord SubmitSchoolPlanning(string scenarioJson, IReadOnlyList<SchoolPupil> pupils, int? seed, string submittedBy)
    {
        ArgumentNullException.ThrowIfNull(pupils);
        var scenario = Parse(scenarioJson);
        var school = SchoolPupilDemand.RequireSchoolSection(scenario);
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal) { [PlannerJobStores.ScenarioInput] = scenarioJson };
        if (pupils.Count > 0)
            inputs[SchoolPupilDemand.InputName] = SchoolPupilDemand.ToCsv(scenario, pupils);
        else if (school.Pupils <= 0 && school.Schools.All(s => s.Pupils is null or <= 0))
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "pupils",
                "pupils: none given and the scenario's demand.school generates none (pupils 0): give the pupils, or a pupil count in the scenario.");
        var record = Create("school", PlannerJobKind.SchoolPlanning, scenario.Settings.Name, seed ?? scenario.Settings.Seed, submittedBy, null, inputs);
        return Queue(record, hangfire.Enqueue<SchoolPlanningJob>(job => job.RunAsync(record.Id, CancellationToken.None)));
    }

    /// <summary>
    /// Queues a backup of the dispatcher's store(s). Without <paramref name="targetDirectory"/> the backup files are kept
    /// as the job's report files; with one (an absolute path on the server) they are written there.
    /// </summary>
    /// <exception cref="PlannerJobException">A relative target, or a server without a store to back up.</exception>
    public PlannerJobRecord SubmitStoreBackup(string? targetDirectory, string submittedBy)
    {
        if (backups is not { Sources.Count: > 0 })
            throw new PlannerJobException(PlannerJobErrorKind.Precondition, "", "This server has no store to back up.");
        string? target = string.IsNullOrWhiteSpace(targetDirectory) ? null : targetDirectory;
        if (target is not null && (!Path.IsPathFullyQualified(target) || target.Contains('\0', StringComparison.Ordinal)))
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "target_directory",
                $"target_directory '{target}' must be an absolute path on the server (or empty to keep the backup in the job).");
        var record = Create("backup", PlannerJobKind.StoreBackup, "store-backup", 0, submittedBy, target is null ? null : Path.GetFullPath(target),
            new Dictionary<string, string>(StringComparer.Ordinal));
        return Queue(record, hangfire.Enqueue<StoreBackupJob>(job => job.RunAsync(record.Id, CancellationToken.None)));
    }

    /// <summary>
    /// Queues a restore of the dispatcher's SQLite store from a named backup: the store-backup job <paramref name="fromJobId"/>
    /// (its <c>.db</c> file), or the file <paramref name="backupPath"/> on the server. The job verifies and stages it; the
    /// server applies it at its next start (<see cref="DemandMobility.Storage.StagedRestore"/>).
    /// </summary>
    /// <exception cref="PlannerJobException">Not both or neither source, a job that is no finished backup, a relative path,
    /// or a server whose store is not restored this way (cluster mode, PostgreSQL).</exception>
    public PlannerJobRecord SubmitStoreRestore(string? fromJobId, string? backupPath, string submittedBy)
    {
        if (restores is null)
            throw new PlannerJobException(PlannerJobErrorKind.Precondition, "",
                "Restore as a job is for the single-process SQLite store; restore PostgreSQL (cluster mode, Storage:Provider Postgres) " +
                "with pg_restore while the servers are stopped (docs/operations.md).");
        bool fromJob = !string.IsNullOrWhiteSpace(fromJobId), fromPath = !string.IsNullOrWhiteSpace(backupPath);
        if (fromJob == fromPath)
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "from_job_id",
                "Give exactly one of from_job_id (a store backup job) and backup_path (a backup file on the server).");
        StoreRestoreSource source;
        if (fromJob)
        {
            var backup = store.Find(fromJobId!) ?? throw new PlannerJobException(PlannerJobErrorKind.NotFound, "from_job_id", $"Planner job '{fromJobId}' not found.");
            if (backup.Kind != PlannerJobKind.StoreBackup || backup.State != PlannerJobState.Succeeded)
                throw new PlannerJobException(PlannerJobErrorKind.Precondition, "from_job_id",
                    $"Planner job '{fromJobId}' is a {backup.State.ToString().ToLowerInvariant()} {backup.Kind} job, not a succeeded store backup.");
            var file = backup.Files.FirstOrDefault(f => f.Name.EndsWith(".db", StringComparison.Ordinal))
                ?? throw new PlannerJobException(PlannerJobErrorKind.Precondition, "from_job_id", $"Store backup job '{fromJobId}' has no SQLite backup file.");
            source = backup.OutputPath is { } folder ? new StoreRestoreSource(null, null, Path.Combine(folder, file.Name)) : new StoreRestoreSource(backup.Id, file.Name, null);
        }
        else
        {
            if (!Path.IsPathFullyQualified(backupPath!) || backupPath!.Contains('\0', StringComparison.Ordinal))
                throw new PlannerJobException(PlannerJobErrorKind.Invalid, "backup_path", $"backup_path '{backupPath}' must be an absolute path on the server.");
            source = new StoreRestoreSource(null, null, Path.GetFullPath(backupPath));
        }
        var record = Create("restore", PlannerJobKind.StoreRestore, "store-restore", 0, submittedBy, null,
            new Dictionary<string, string>(StringComparer.Ordinal) { [StoreRestoreSource.InputName] = source.ToJson() });
        return Queue(record, hangfire.Enqueue<StoreRestoreJob>(job => job.RunAsync(record.Id, CancellationToken.None)));
    }

    /// <summary>Cancels a queued or running job.</summary>
    /// <exception cref="PlannerJobException">Unknown job, or one that has finished.</exception>
    public PlannerJobRecord Cancel(string id, string by)
    {
        var now = clock.GetUtcNow();
        var record = store.Update(id, j => j.State switch
        {
            PlannerJobState.Queued => j with { State = PlannerJobState.Cancelled, CancelRequestedBy = by, FinishedAt = now, Message = $"Cancelled by {by}." },
            PlannerJobState.Running => j with { CancelRequestedBy = by },
            _ => throw new PlannerJobException(PlannerJobErrorKind.Precondition, "job_id",
                $"Planner job '{id}' has already finished ({j.State.ToString().ToLowerInvariant()}); only queued or running jobs can be cancelled."),
        });
        // Here at once; on another node through Hangfire's deletion, which cancels the job's token there.
        running.Cancel(id);
        if (record.BackgroundJobId is { } background) hangfire.Delete(background);
        return record;
    }

    private LoadedScenario Parse(string scenarioJson)
    {
        if (string.IsNullOrWhiteSpace(scenarioJson))
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "scenario_json", "scenario_json is empty: give the scenario file's text.");
        if (scenarioJson.Length > MaxScenarioChars)
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "scenario_json", $"scenario_json has {scenarioJson.Length} characters; at most {MaxScenarioChars}.");
        try
        {
            return ScenarioLoader.Parse(scenarioJson, "scenario_json", settings.ScenarioDirectory);
        }
        catch (ScenarioException e)
        {
            throw new PlannerJobException(PlannerJobErrorKind.Invalid, "scenario_json", e.Message, e);
        }
    }

    private PlannerJobRecord Create(string prefix, PlannerJobKind kind, string name, int seed, string submittedBy, string? outputPath, IReadOnlyDictionary<string, string> inputs)
    {
        var now = clock.GetUtcNow();
        var id = $"{prefix}-{now:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
        return store.Create(new PlannerJobRecord(id, PlannerJobState.Queued, 0, name, seed, submittedBy, now, Kind: kind, OutputPath: outputPath), inputs);
    }

    private PlannerJobRecord Queue(PlannerJobRecord record, string backgroundId) => store.Update(record.Id, j => j with { BackgroundJobId = backgroundId });
}
