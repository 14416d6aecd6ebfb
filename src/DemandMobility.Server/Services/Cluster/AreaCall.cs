using DemandMobility.Dispatch.Results;
using Grpc.Core;

namespace DemandMobility.Server.Services.Cluster;

/// <summary>
/// Runs a routed grain call and maps its result like the single-process services do. While an area moves to
/// another silo (its silo died, membership has not yet declared it dead), Orleans fails the call with a timeout, an
/// unavailable silo or another of its runtime failures (a rejected message, an activation lost with its silo): that
/// is retryable, so the caller sees UNAVAILABLE, never INTERNAL or UNKNOWN. So is an area whose store cannot be
/// opened or written (the store's message is kept).
/// </summary>
internal static class AreaCall
{
    public static async Task<T> RunAsync<T>(Func<Task<DispatchResult<T>>> call)
    {
        DispatchResult<T> result;
        try
        {
            result = await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or Orleans.Runtime.OrleansException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The service area is moving to another node; retry: " + ex.Message));
        }
        catch (Exception ex) when (ex is Storage.DispatchStoreException or Npgsql.NpgsqlException)
        {
            // The area could not open or write its store (database unreachable, out of connections): retryable.
            throw new RpcException(new Status(StatusCode.Unavailable, "The service area's store is not available; retry: " + ex.Message));
        }
        return RpcErrors.Unwrap(result);
    }
}
