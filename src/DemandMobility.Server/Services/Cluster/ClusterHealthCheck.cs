using DemandMobility.Cluster.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DemandMobility.Server.Services.Cluster;

/// <summary>
/// The gRPC health answer of a silo: SERVING only while the host runs, this silo is an active member of the
/// cluster (as the membership table last told it) and every service area's grain answers within
/// <see cref="GrainTimeout"/> (which activates an area that is not yet, as its round's reminder would). Otherwise
/// NOT_SERVING, with the reason, so a load balancer sends riders and drivers to another silo.
/// </summary>
internal sealed class ClusterHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo, ServiceAreaRouter router,
    IHostApplicationLifetime lifetime) : IHealthCheck
{
    /// <summary>How long an area may take to answer.</summary>
    public static readonly TimeSpan GrainTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return HealthCheckResult.Unhealthy("The silo is shutting down.");
        var member = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        if (member != SiloStatus.Active) return HealthCheckResult.Unhealthy($"This silo is not an active cluster member ({member}).");
        foreach (var area in router.Areas.Areas)
        {
            try
            {
                await router.Area(area.Id).DescribeAsync().WaitAsync(GrainTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy($"Service area '{area.Id}' does not answer: {ex.Message}");
            }
        }
        return HealthCheckResult.Healthy("Active cluster member; every service area answers.");
    }
}
