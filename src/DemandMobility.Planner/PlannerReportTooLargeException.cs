namespace DemandMobility.Planner;

/// <summary>A report file larger than the job store takes; the job fails with this message and keeps no partial report.</summary>
public sealed class PlannerReportTooLargeException(string message) : Exception(message);
