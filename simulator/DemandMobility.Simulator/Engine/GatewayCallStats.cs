using System.Collections.Concurrent;
using System.Globalization;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// Calls a remote gateway made, per RPC: how many and their summed wall time (retries included). Shows what paces a
/// gRPC run: the simulated day's calls by kind, and where the wall time goes.
/// </summary>
public sealed class GatewayCallStats
{
    private sealed class Tally
    {
        public long Calls;
        public long Ticks;
    }

    private readonly ConcurrentDictionary<string, Tally> _byRpc = new(StringComparer.Ordinal);

    /// <summary>Counts one call of <paramref name="rpc"/> that took <paramref name="elapsed"/>.</summary>
    public void Add(string rpc, TimeSpan elapsed)
    {
        var tally = _byRpc.GetOrAdd(rpc, _ => new Tally());
        Interlocked.Increment(ref tally.Calls);
        Interlocked.Add(ref tally.Ticks, elapsed.Ticks);
    }

    /// <summary>Per RPC (most wall time first): calls and summed wall time.</summary>
    public IReadOnlyList<(string Rpc, long Calls, TimeSpan Total)> Snapshot() =>
        [.. _byRpc.Select(p => (p.Key, Interlocked.Read(ref p.Value.Calls), TimeSpan.FromTicks(Interlocked.Read(ref p.Value.Ticks))))
            .OrderByDescending(r => r.Item3)];

    /// <summary>One line per RPC: <c>SetClock 12000 calls, 240.0 s (20.0 ms each)</c>.</summary>
    public string Describe() => string.Join('\n', Snapshot().Select(r => string.Create(CultureInfo.InvariantCulture,
        $"{r.Rpc} {r.Calls} calls, {r.Total.TotalSeconds:F1} s ({r.Total.TotalMilliseconds / Math.Max(1, r.Calls):F1} ms each)")));
}
