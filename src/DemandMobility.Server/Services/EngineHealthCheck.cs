using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DemandMobility.Server.Services;

/// <summary>
/// The standard gRPC health service's answer (<c>grpc.health.v1.Health</c>, service ""): SERVING while the host
/// runs, NOT_SERVING once it is stopping, so a load balancer drains the instance before its streams end.
/// </summary>
internal sealed class EngineHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The dispatcher is shutting down.")
            : HealthCheckResult.Healthy("The dispatcher is running."));
}
