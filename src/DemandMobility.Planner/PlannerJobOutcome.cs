using System.Collections.Immutable;

namespace DemandMobility.Planner;

/// <summary>How a run ended; null from a run means it stopped (cancelled by a caller, or interrupted by shutdown).</summary>
public abstract record PlannerJobOutcome
{
    /// <summary>Finished: its report files (kept by the store, or written to <paramref name="OutputPath"/>), KPIs and a note for the caller (or empty).</summary>
    public sealed record Succeeded(ImmutableArray<ReportFile> Files, ImmutableSortedDictionary<string, double> Kpis, string? OutputPath = null, string Message = "") : PlannerJobOutcome;

    /// <summary>Failed; the message names the problem.</summary>
    public sealed record Failed(string Message) : PlannerJobOutcome;
}
