using DemandMobility.Dispatch.Results;
using Grpc.Core;

namespace DemandMobility.Server.Services.Cluster;

/// <summary>
/// Relays a watch served by an area grain to a gRPC server stream. When the area's activation ends (deactivation,
/// a silo's death, a move) the grain's stream fails; the watch is then opened again, which re-activates the area on
/// some silo from PostgreSQL and starts with the current view, so the caller's stream survives the move. Only when
/// the area stays unreachable for <see cref="ReconnectFor"/> does the call end with a retryable UNAVAILABLE.
/// </summary>
internal static class AreaWatch
{
    /// <summary>How long an area may stay unreachable before the caller is told to reconnect.</summary>
    public static readonly TimeSpan ReconnectFor = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Writes every view of <paramref name="open"/> until it ends, the call is cancelled or the host stops. A refusal
    /// (the first element) becomes the matching RPC status.
    /// </summary>
    public static async Task RelayAsync<T>(Func<CancellationToken, IAsyncEnumerable<DispatchResult<T>>> open, Func<T, CancellationToken, Task> write,
        ServerCallContext context, IHostApplicationLifetime lifetime, TimeProvider time)
    {
        using var cts = ShutdownSignal.Link(context.CancellationToken, lifetime);
        DateTimeOffset? failingSince = null;
        try
        {
            while (true)
            {
                try
                {
                    await foreach (var view in open(cts.Token).WithCancellation(cts.Token).ConfigureAwait(false))
                    {
                        failingSince = null;
                        await write(RpcErrors.Unwrap(view), cts.Token).ConfigureAwait(false);
                    }
                    return;
                }
                catch (Exception ex) when (ex is not RpcException && !cts.IsCancellationRequested)
                {
                    failingSince ??= time.GetUtcNow();
                    if (time.GetUtcNow() - failingSince > ReconnectFor)
                        throw new RpcException(new Status(StatusCode.Unavailable, "The service area is unreachable; reconnect to continue watching: " + ex.Message));
                    await Task.Delay(RetryPause, time, cts.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            if (ShutdownSignal.OnCancelled(lifetime) is { } unavailable) throw unavailable;
        }
    }
}
