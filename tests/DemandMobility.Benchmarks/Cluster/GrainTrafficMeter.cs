using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace DemandMobility.Benchmarks.Cluster;

/// <summary>
/// Counts the grain calls a silo makes and the bytes of each call's arguments and reply as Orleans serialises them:
/// what would cross the network if the areas lived on other silos (in one process the calls are not serialised, so
/// the size is measured by serialising them again here). Registered as an outgoing grain call filter.
/// </summary>
internal sealed class GrainTrafficMeter(IServiceProvider services) : IOutgoingGrainCallFilter
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _byMethod = new(StringComparer.Ordinal);
    private Serializer? _serializer;
    private long _calls;
    private long _bytes;

    public long Calls => Interlocked.Read(ref _calls);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Reset()
    {
        Interlocked.Exchange(ref _calls, 0);
        Interlocked.Exchange(ref _bytes, 0);
        _byMethod.Clear();
    }

    /// <summary>Bytes by grain method since the last reset, largest first ("Method KB").</summary>
    public string Breakdown() =>
        string.Join(", ", _byMethod.OrderByDescending(m => m.Value).Select(m => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m.Key} {m.Value / 1024.0:F0} KB")));

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        var serializer = _serializer ??= services.GetRequiredService<Serializer>();
        long size = serializer.SerializeToArray(context.Request).Length;
        if (context.Result is { } reply) size += serializer.SerializeToArray(reply).Length;
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _bytes, size);
        _byMethod.AddOrUpdate(context.InterfaceMethod?.Name ?? "?", size, (_, total) => total + size);
    }
}
