using System.Collections.Immutable;

namespace DemandMobility.Planner;

/// <summary>A planner job as kept by its <see cref="IPlannerJobStore"/>; the submitted inputs (scenario text, pupils) lie beside it.</summary>
/// <param name="Id">Job id (<c>[a-z0-9-]</c>).</param>
/// <param name="State">Where the job is.</param>
/// <param name="Progress">Share done, 0..1 (of the simulated day for runs, of the stores for a backup).</param>
/// <param name="ScenarioName">The scenario's <c>name</c> (a backup: "store-backup").</param>
/// <param name="Seed">The seed the run uses.</param>
/// <param name="SubmittedBy">Subject of the submitting token.</param>
/// <param name="SubmittedAt">When it was queued.</param>
/// <param name="StartedAt">When a worker started it.</param>
/// <param name="FinishedAt">When it reached a final state.</param>
/// <param name="Message">Why it failed, was cancelled or interrupted.</param>
/// <param name="CancelRequestedBy">Subject that asked to cancel it (a stop without it is an interruption).</param>
/// <param name="BackgroundJobId">Hangfire's id of the job.</param>
/// <param name="Files">Report files (name, bytes) of a succeeded job.</param>
/// <param name="Kpis">The run's KPIs of a succeeded job.</param>
/// <param name="Kind">What the job does (records written before kinds existed are simulations).</param>
/// <param name="OutputPath">Where a store backup wrote its files on the running node when a target folder was given; null otherwise.</param>
/// <param name="Node">The node that runs (or last ran) the job (<see cref="PlannerNode.Name"/>); null before a worker took it.</param>
/// <param name="Attempt">How many nodes started it: 1, or more when a node stopped while running it and another ran it again.</param>
public sealed record PlannerJobRecord(
    string Id,
    PlannerJobState State,
    double Progress,
    string ScenarioName,
    int Seed,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? FinishedAt = null,
    string Message = "",
    string? CancelRequestedBy = null,
    string? BackgroundJobId = null,
    ImmutableArray<ReportFile> Files = default,
    ImmutableSortedDictionary<string, double>? Kpis = null,
    PlannerJobKind Kind = PlannerJobKind.Simulation,
    string? OutputPath = null,
    string? Node = null,
    int Attempt = 0)
{
    /// <summary>Report files (never default).</summary>
    public ImmutableArray<ReportFile> Files { get; init; } = Files.IsDefault ? [] : Files;

    /// <summary>KPIs (never null).</summary>
    public ImmutableSortedDictionary<string, double> Kpis { get; init; } = Kpis ?? ImmutableSortedDictionary<string, double>.Empty;
}

/// <summary>One report file of a job.</summary>
/// <param name="Name">File name inside the job's report folder.</param>
/// <param name="SizeBytes">Its size.</param>
public sealed record ReportFile(string Name, long SizeBytes);
