using System.Diagnostics;
using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Server.Tests;

/// <summary>
/// Throughput of a store, run by hand through <see cref="TestHelperProgram"/> (never by the test runner, which
/// must not assert on timings): durable single appends, one large batch, and a full replay.
/// </summary>
public static class StoreBenchmark
{
    public static async Task RunAsync(IDispatchStore store, int appends, TextWriter output)
    {
        var ct = CancellationToken.None;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < appends; i++)
        {
            await store.AppendAsync(
                [new StoredEvent(0, "BookingConfirmed", $"booking/{i}", DateTimeOffset.UtcNow, "{\"rider\":\"r-1\",\"window\":[\"07:30\",\"07:45\"]}")],
                new IdempotencyRecord("rider:r-1/ConfirmOffer", $"k-{i}", "hash", "{\"booking\":\"b\"}"), ct);
        }

        var single = watch.Elapsed;
        const int batchSize = 10_000;
        var batch = new StoredEvent[batchSize];
        for (var i = 0; i < batchSize; i++) batch[i] = new StoredEvent(0, "PositionReported", "vehicle/bus-1", DateTimeOffset.UtcNow, "{\"lat\":50.0,\"lon\":11.5}");
        watch.Restart();
        await store.AppendAsync(batch, null, ct);
        var batched = watch.Elapsed;

        watch.Restart();
        long read = 0;
        await foreach (var _ in store.ReadAsync(0, ct)) read++;
        var replay = watch.Elapsed;

        await output.WriteLineAsync($"single appends (1 event + idempotency record, durable each): {appends} in {single.TotalMilliseconds:F0} ms = {appends / single.TotalSeconds:F0}/s, mean {single.TotalMilliseconds / appends:F2} ms");
        await output.WriteLineAsync($"one batch of {batchSize} events: {batched.TotalMilliseconds:F0} ms = {batchSize / batched.TotalSeconds:F0} events/s");
        await output.WriteLineAsync($"replay of {read} events: {replay.TotalMilliseconds:F0} ms = {read / replay.TotalSeconds:F0} events/s");
    }
}
