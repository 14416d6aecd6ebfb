using System.Collections.Immutable;

namespace DemandMobility.Planner;

/// <summary>
/// The system of record of planner jobs: records, the submitted inputs and the report files. Hangfire only schedules
/// and runs; what a caller sees comes from here. <see cref="PlannerJobStore"/> keeps them in the data folder (the
/// single-process default), <see cref="PostgresPlannerJobStore"/> in PostgreSQL (cluster mode: any node reads them).
/// </summary>
public interface IPlannerJobStore
{
    /// <summary>Stores a new job with its inputs by name (<c>scenario.json</c> always; <c>pupils.csv</c> and others by kind).</summary>
    PlannerJobRecord Create(PlannerJobRecord record, IReadOnlyDictionary<string, string> inputs);

    /// <summary>The job, or null.</summary>
    /// <exception cref="PlannerJobException">The id is not a job id.</exception>
    PlannerJobRecord? Find(string id);

    /// <summary>One submitted input of a job, or null when the job has none of that name.</summary>
    string? InputText(string id, string name);

    /// <summary>Every job, newest first (at most <paramref name="limit"/>).</summary>
    IReadOnlyList<PlannerJobRecord> List(int limit);

    /// <summary>Replaces the record by <paramref name="change"/> of the current one, serialised against every other writer of it.</summary>
    /// <exception cref="PlannerJobException">No such job (or whatever <paramref name="change"/> throws; the record is then unchanged).</exception>
    PlannerJobRecord Update(string id, Func<PlannerJobRecord, PlannerJobRecord> change);

    /// <summary>A folder on this node where a run writes its report files before <see cref="SaveReport"/>.</summary>
    string WorkFolder(string id);

    /// <summary>Keeps the files a run wrote into <see cref="WorkFolder"/> as the job's report files; returns them (name, bytes).</summary>
    /// <exception cref="PlannerReportTooLargeException">A file exceeds what the store takes (the message names it and the limit).</exception>
    ImmutableArray<ReportFile> SaveReport(string id, IReadOnlyList<string> files);

    /// <summary>Opens a report file listed in the job's record.</summary>
    /// <exception cref="PlannerJobException">Unknown job, or a name the record does not list.</exception>
    Stream OpenReportFile(string id, string name);
}

/// <summary>Helpers shared by the stores.</summary>
public static class PlannerJobStores
{
    /// <summary>The name of the scenario input.</summary>
    public const string ScenarioInput = "scenario.json";

    /// <summary>The job or NOT_FOUND.</summary>
    public static PlannerJobRecord Get(this IPlannerJobStore store, string id)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Find(id) ?? throw new PlannerJobException(PlannerJobErrorKind.NotFound, "job_id", $"Planner job '{id}' not found.");
    }

    /// <summary>The submitted scenario text of a job.</summary>
    public static string ScenarioText(this IPlannerJobStore store, string id)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.InputText(id, ScenarioInput) ?? throw new InvalidDataException($"Planner job '{id}' has no stored scenario.");
    }

    /// <summary>Stores a job whose only input is its scenario.</summary>
    public static PlannerJobRecord Create(this IPlannerJobStore store, PlannerJobRecord record, string scenarioJson)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Create(record, new Dictionary<string, string>(StringComparer.Ordinal) { [ScenarioInput] = scenarioJson });
    }

    /// <summary>Marks every queued or running job interrupted (their queue did not outlive the node); returns how many.</summary>
    public static int MarkUnfinishedInterrupted(this IPlannerJobStore store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        int count = 0;
        foreach (var job in store.List(int.MaxValue).Where(j => !j.State.IsFinal()))
        {
            store.Update(job.Id, j => j.State.IsFinal() ? j : j with
            {
                State = PlannerJobState.Interrupted,
                FinishedAt = now,
                Message = $"The server stopped while the job was {(j.State == PlannerJobState.Running ? "running" : "queued")}; submit it again.",
            });
            count++;
        }
        return count;
    }

    /// <summary>Refuses a name the record does not list, and files written to a target folder (not kept by the store).</summary>
    internal static void CheckDownloadable(PlannerJobRecord job, string name)
    {
        if (!job.Files.Any(f => string.Equals(f.Name, name, StringComparison.Ordinal))) throw NoSuchFile(job, name);
        if (job.OutputPath is { } path)
            throw new PlannerJobException(PlannerJobErrorKind.Precondition, "name",
                $"Planner job '{job.Id}' wrote '{name}' to '{path}' on the node that ran it; the job store keeps no copy to download.");
    }

    private static PlannerJobException NoSuchFile(PlannerJobRecord job, string name)
    {
        string listed = job.Files.IsEmpty ? "the job has no report files" : "its files are " + string.Join(", ", job.Files.Select(f => f.Name));
        return new PlannerJobException(PlannerJobErrorKind.NotFound, "name", $"Planner job '{job.Id}' has no report file '{name}' ({listed}).");
    }
}
