using DemandMobility.Contracts.V1;
using DemandMobility.Planner;
using DemandMobility.Server.Services;
using Grpc.Core;

namespace DemandMobility.Server.Planner;

/// <summary>
/// gRPC <c>PlannerService</c>: maps requests to <see cref="PlannerJobs"/> and <see cref="IPlannerJobStore"/> and records
/// to messages; the jobs run on Hangfire. Callers: planners and dispatchers (policy <c>planner-jobs</c>).
/// </summary>
public sealed class PlannerGrpcService(PlannerJobs jobs, IPlannerJobStore store) : PlannerService.PlannerServiceBase
{
    /// <summary>How often (wall time) a watch re-reads the record, which a job on another node may write.</summary>
    internal static readonly TimeSpan WatchPoll = TimeSpan.FromMilliseconds(250);

    private const int ChunkBytes = 64 * 1024;

    /// <inheritdoc />
    public override Task<PlannerJob> SubmitSimulation(SubmitSimulationRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        return Task.FromResult(Guard(() => PlannerMapping.ToProto(jobs.SubmitSimulation(request.ScenarioJson, request.HasSeed ? request.Seed : null, caller.Subject))));
    }

    /// <inheritdoc />
    public override Task<PlannerJob> SubmitSchoolPlanning(SubmitSchoolPlanningRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var pupils = request.Pupils.Select(p => new DemandMobility.Planner.SchoolPupil(p.PupilId, p.HomeLat, p.HomeLon, p.SchoolId,
            p.MaxRideMinutes == 0 ? null : p.MaxRideMinutes, p.Wheelchair)).ToList();
        return Task.FromResult(Guard(() => PlannerMapping.ToProto(jobs.SubmitSchoolPlanning(request.ScenarioJson, pupils, request.HasSeed ? request.Seed : null, caller.Subject))));
    }

    /// <inheritdoc />
    public override Task<PlannerJob> SubmitStoreBackup(SubmitStoreBackupRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        // A backup reads every booking of the store: the dispatcher's task, not a planner's.
        if (caller.Role != DemandMobility.Security.Roles.Dispatcher)
            throw RpcErrors.PermissionDenied("Store backups are for dispatchers; a planner may run simulations and school planning.");
        return Task.FromResult(Guard(() => PlannerMapping.ToProto(jobs.SubmitStoreBackup(request.TargetDirectory, caller.Subject))));
    }

    /// <inheritdoc />
    public override Task<PlannerJob> SubmitStoreRestore(SubmitStoreRestoreRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        // A restore replaces every booking of the store.
        if (caller.Role != DemandMobility.Security.Roles.Dispatcher)
            throw RpcErrors.PermissionDenied("Store restores are for dispatchers.");
        return Task.FromResult(Guard(() => PlannerMapping.ToProto(jobs.SubmitStoreRestore(request.FromJobId, request.BackupPath, caller.Subject))));
    }

    /// <inheritdoc />
    public override Task<PlannerJob> GetJob(GetPlannerJobRequest request, ServerCallContext context) =>
        Task.FromResult(Guard(() => PlannerMapping.ToProto(store.Get(request.JobId))));

    /// <inheritdoc />
    public override async Task WatchJob(GetPlannerJobRequest request, IServerStreamWriter<PlannerJob> responseStream, ServerCallContext context)
    {
        var job = Guard(() => store.Get(request.JobId));
        await responseStream.WriteAsync(PlannerMapping.ToProto(job), context.CancellationToken).ConfigureAwait(false);
        while (!job.State.IsFinal())
        {
            await Task.Delay(WatchPoll, context.CancellationToken).ConfigureAwait(false);
            PlannerJobRecord next;
            try
            {
                next = store.Get(request.JobId);
            }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException or Npgsql.NpgsqlException)
            {
                // A record being replaced, or a database hiccup: read it again at the next poll.
                continue;
            }
            if (next == job) continue;
            job = next;
            await responseStream.WriteAsync(PlannerMapping.ToProto(job), context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override Task<ListPlannerJobsResponse> ListJobs(ListPlannerJobsRequest request, ServerCallContext context)
    {
        if (request.Limit is < 0 or > 1000) throw RpcErrors.Invalid("limit", $"{request.Limit} must be between 0 (= 100) and 1000.");
        var response = new ListPlannerJobsResponse();
        response.Jobs.AddRange(store.List(request.Limit == 0 ? 100 : request.Limit).Select(PlannerMapping.ToProto));
        return Task.FromResult(response);
    }

    /// <inheritdoc />
    public override Task<PlannerJob> CancelJob(GetPlannerJobRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        return Task.FromResult(Guard(() => PlannerMapping.ToProto(jobs.Cancel(request.JobId, caller.Subject))));
    }

    /// <inheritdoc />
    public override async Task DownloadReportFile(DownloadReportFileRequest request, IServerStreamWriter<ReportFileChunk> responseStream, ServerCallContext context)
    {
        await using var file = Guard(() => store.OpenReportFile(request.JobId, request.Name));
        long total = file.Length;
        var buffer = new byte[ChunkBytes];
        long offset = 0;
        do
        {
            int read = await file.ReadAsync(buffer, context.CancellationToken).ConfigureAwait(false);
            if (read == 0 && offset > 0) break;
            await responseStream.WriteAsync(new ReportFileChunk
            {
                Data = Google.Protobuf.ByteString.CopyFrom(buffer, 0, read), Offset = offset, TotalBytes = total,
            }, context.CancellationToken).ConfigureAwait(false);
            offset += read;
        }
        while (offset < total);
    }

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (PlannerJobException e)
        {
            var code = e.Kind switch
            {
                PlannerJobErrorKind.Invalid => StatusCode.InvalidArgument,
                PlannerJobErrorKind.NotFound => StatusCode.NotFound,
                _ => StatusCode.FailedPrecondition,
            };
            throw new RpcException(new Status(code, e.Message));
        }
    }
}
