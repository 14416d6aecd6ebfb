using DemandMobility.Contracts.V1;
using DemandMobility.Planner;
using DemandMobility.Server.Services;

namespace DemandMobility.Server.Planner;

/// <summary>Planner job records to <c>PlannerJob</c> messages.</summary>
internal static class PlannerMapping
{
    public static PlannerJob ToProto(PlannerJobRecord r)
    {
        var job = new PlannerJob
        {
            JobId = r.Id,
            State = r.State switch
            {
                DemandMobility.Planner.PlannerJobState.Queued => Contracts.V1.PlannerJobState.Queued,
                DemandMobility.Planner.PlannerJobState.Running => Contracts.V1.PlannerJobState.Running,
                DemandMobility.Planner.PlannerJobState.Succeeded => Contracts.V1.PlannerJobState.Succeeded,
                DemandMobility.Planner.PlannerJobState.Failed => Contracts.V1.PlannerJobState.Failed,
                DemandMobility.Planner.PlannerJobState.Cancelled => Contracts.V1.PlannerJobState.Cancelled,
                DemandMobility.Planner.PlannerJobState.Interrupted => Contracts.V1.PlannerJobState.Interrupted,
                _ => Contracts.V1.PlannerJobState.Unspecified,
            },
            Progress = r.Progress,
            ScenarioName = r.ScenarioName,
            Seed = r.Seed,
            SubmittedBy = r.SubmittedBy,
            SubmittedAt = ProtoMapping.ToTimestamp(r.SubmittedAt),
            Message = r.Message,
            Kind = r.Kind switch
            {
                DemandMobility.Planner.PlannerJobKind.Simulation => Contracts.V1.PlannerJobKind.Simulation,
                DemandMobility.Planner.PlannerJobKind.SchoolPlanning => Contracts.V1.PlannerJobKind.SchoolPlanning,
                DemandMobility.Planner.PlannerJobKind.StoreBackup => Contracts.V1.PlannerJobKind.StoreBackup,
                DemandMobility.Planner.PlannerJobKind.StoreRestore => Contracts.V1.PlannerJobKind.StoreRestore,
                _ => Contracts.V1.PlannerJobKind.Unspecified,
            },
            OutputPath = r.OutputPath ?? "",
            Node = r.Node ?? "",
            Attempt = r.Attempt,
        };
        if (r.StartedAt is { } started) job.StartedAt = ProtoMapping.ToTimestamp(started);
        if (r.FinishedAt is { } finished) job.FinishedAt = ProtoMapping.ToTimestamp(finished);
        job.Files.AddRange(r.Files.Select(f => new ReportFileInfo { Name = f.Name, SizeBytes = f.SizeBytes }));
        foreach (var (key, value) in r.Kpis) job.Kpis[key] = value;
        return job;
    }
}
