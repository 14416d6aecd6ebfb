using Grpc.Core;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Services;

/// <summary>
/// Caps the server streams (WatchBooking, WatchFleet, WatchManifest) one caller (role + subject) holds open at
/// once, <c>Dispatch:MaxStreamsPerCaller</c>: every open stream holds a task and wakes on every plan change, so a
/// client that leaks streams would otherwise slow everyone down. Over the cap a call fails with
/// RESOURCE_EXHAUSTED before it starts.
/// </summary>
public sealed class StreamQuota(IOptions<Configuration.DispatchOptions> options)
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Takes a slot for <paramref name="caller"/>; dispose the result when the stream ends.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED: the caller already holds the maximum.</exception>
    public IDisposable Enter(CallerContext caller, string rpc)
    {
        string key = caller.Role + ":" + caller.Subject;
        int max = options.Value.MaxStreamsPerCaller;
        lock (_open)
        {
            int open = _open.GetValueOrDefault(key);
            if (open >= max)
                throw new RpcException(new Status(StatusCode.ResourceExhausted,
                    $"{rpc}: this caller already has {open} open streams (Dispatch:MaxStreamsPerCaller = {max}); close one first."));
            _open[key] = open + 1;
        }
        return new Slot(this, key);
    }

    /// <summary>Streams <paramref name="caller"/> holds open now.</summary>
    public int OpenFor(CallerContext caller)
    {
        lock (_open) return _open.GetValueOrDefault(caller.Role + ":" + caller.Subject);
    }

    private void Leave(string key)
    {
        lock (_open)
        {
            int open = _open.GetValueOrDefault(key) - 1;
            if (open <= 0) _open.Remove(key);
            else _open[key] = open;
        }
    }

    private sealed class Slot(StreamQuota quota, string key) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) quota.Leave(key);
        }
    }
}
