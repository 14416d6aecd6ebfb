using DemandMobility.Dispatch.Persistence;
using FsCheck;
using FsCheck.Fluent;

namespace DemandMobility.Server.Tests.Persistence;

/// <summary>
/// The behaviour every <see cref="IDispatchStore"/> must show; one subclass per implementation.
/// Each test instance owns a fresh, empty storage location; <see cref="OpenStoreAsync"/> opens it
/// (again, after a dispose, to test reopening).
/// </summary>
/// <remarks>
/// Tests are virtual so that a subclass can re-declare them with a different fact attribute
/// (PostgreSQL tests are skipped without a server); <c>PostgresDispatchStoreTests</c> checks that it overrides them all.
/// </remarks>
public abstract class DispatchStoreContractTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Opens the store on this test's storage location (creating it the first time).</summary>
    protected abstract Task<IDispatchStore> OpenStoreAsync();

    /// <summary>Sets the stored schema version to <paramref name="version"/> bypassing the store.</summary>
    protected abstract Task SetSchemaVersionAsync(int version);

    /// <summary>Text that a "cannot open" error must contain to identify the storage location.</summary>
    protected abstract string LocationName { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static StoredEvent Event(string type, string stream, string payload, DateTimeOffset? at = null) =>
        new(0, type, stream, at ?? new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero), payload);

    protected static async Task<List<StoredEvent>> ReadAllAsync(IDispatchStore store, long after = 0)
    {
        var list = new List<StoredEvent>();
        await foreach (var e in store.ReadAsync(after, None)) list.Add(e);
        return list;
    }

    [Fact]
    public virtual async Task Append_AssignsDenseSequences_AndReadReturnsThemInOrder()
    {
        await using var store = await OpenStoreAsync();
        var first = await store.AppendAsync([Event("A", "s/1", "{}"), Event("B", "s/1", "{}")], null, None);
        var second = await store.AppendAsync([Event("C", "s/2", "{}")], null, None);

        Assert.Equal([1L, 2L], first.Appended.Select(e => e.Sequence));
        Assert.Equal([3L], second.Appended.Select(e => e.Sequence));
        Assert.Null(first.ExistingIdempotency);

        var all = await ReadAllAsync(store);
        Assert.Equal(["A", "B", "C"], all.Select(e => e.Type));
        Assert.Equal([1L, 2L, 3L], all.Select(e => e.Sequence));
        Assert.Equal(["C"], (await ReadAllAsync(store, after: 2)).Select(e => e.Type));
        Assert.Empty(await ReadAllAsync(store, after: 3));
    }

    [Fact]
    public virtual async Task Append_RoundTripsEveryField()
    {
        await using var store = await OpenStoreAsync();
        var at = new DateTimeOffset(2026, 3, 29, 1, 59, 59, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var original = Event("BookingConfirmed", "booking/7f3c", "{\"rider\":\"Jürgen – 🚌\",\"n\":1}", at);

        await store.AppendAsync([original], null, None);
        var read = Assert.Single(await ReadAllAsync(store));

        Assert.Equal(original with { Sequence = 1, Checksum = EventChain.Next(EventChain.Genesis, original with { Sequence = 1 }) }, read);
        Assert.Equal(at.Offset, read.OccurredAt.Offset);
        Assert.Equal(at.Ticks, read.OccurredAt.Ticks);
    }

    [Fact]
    public virtual async Task Idempotency_SameKeyTwice_ReturnsTheStoredRecordAndAppendsNothing()
    {
        await using var store = await OpenStoreAsync();
        var record = new IdempotencyRecord("rider:42/RequestQuote", "k-1", "hash-a", "{\"offer\":\"o-1\"}");
        var first = await store.AppendAsync([Event("QuoteRequested", "booking/1", "{}")], record, None);
        var retry = await store.AppendAsync(
            [Event("QuoteRequested", "booking/2", "{}"), Event("X", "booking/2", "{}")],
            record with { RequestHash = "hash-b", Result = "other" }, None);

        Assert.Single(first.Appended);
        Assert.Null(first.ExistingIdempotency);
        Assert.Empty(retry.Appended);
        Assert.Equal(record, retry.ExistingIdempotency);
        Assert.Single(await ReadAllAsync(store));
        Assert.Equal(record, await store.FindIdempotencyAsync(record.Scope, record.Key, None));
    }

    [Fact]
    public virtual async Task Idempotency_KeysAreScoped_AndUnknownKeysAreNull()
    {
        await using var store = await OpenStoreAsync();
        var a = new IdempotencyRecord("rider:1/RequestQuote", "same", "h1", "r1");
        var b = new IdempotencyRecord("rider:2/RequestQuote", "same", "h2", "r2");
        await store.AppendAsync([Event("E", "s", "{}")], a, None);
        var second = await store.AppendAsync([Event("E", "s", "{}")], b, None);

        Assert.Null(second.ExistingIdempotency);
        Assert.Equal(2, (await ReadAllAsync(store)).Count);
        Assert.Equal(a, await store.FindIdempotencyAsync(a.Scope, "same", None));
        Assert.Equal(b, await store.FindIdempotencyAsync(b.Scope, "same", None));
        Assert.Null(await store.FindIdempotencyAsync("rider:3/RequestQuote", "same", None));
        Assert.Null(await store.FindIdempotencyAsync(a.Scope, "other", None));
    }

    [Fact]
    public virtual async Task Idempotency_RecordWithoutEvents_IsStored()
    {
        await using var store = await OpenStoreAsync();
        var record = new IdempotencyRecord("dispatcher/Rejected", "k", "h", "rejected");
        var result = await store.AppendAsync([], record, None);

        Assert.Empty(result.Appended);
        Assert.Null(result.ExistingIdempotency);
        Assert.Equal(record, await store.FindIdempotencyAsync("dispatcher/Rejected", "k", None));
        Assert.Empty(await ReadAllAsync(store));
    }

    [Fact]
    public virtual async Task Append_InvalidEvent_IsRejected_AndNothingIsStored()
    {
        await using var store = await OpenStoreAsync();
        var record = new IdempotencyRecord("s", "k", "h", "r");
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.AppendAsync([Event("Ok", "s/1", "{}"), Event("", "s/1", "{}")], record, None));

        Assert.Contains("events[1].Type", ex.Message);
        Assert.Empty(await ReadAllAsync(store));
        Assert.Null(await store.FindIdempotencyAsync("s", "k", None));
    }

    [Fact]
    public virtual async Task ConcurrentAppends_KeepSequencesDenseAndBatchesContiguous()
    {
        await using var store = await OpenStoreAsync();
        const int writers = 6, appendsPerWriter = 15;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < appendsPerWriter; i++)
            {
                var size = 1 + (w + i) % 3;
                var batch = Enumerable.Range(0, size).Select(k => Event("E", $"w{w}/a{i}", $"{{\"k\":{k}}}")).ToArray();
                await store.AppendAsync(batch, new IdempotencyRecord($"writer:{w}", $"a{i}", "h", "r"), None);
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        var all = await ReadAllAsync(store);
        var expectedCount = Enumerable.Range(0, writers).Sum(w => Enumerable.Range(0, appendsPerWriter).Sum(i => 1 + (w + i) % 3));
        Assert.Equal(Enumerable.Range(1, expectedCount).Select(i => (long)i), all.Select(e => e.Sequence));
        // Atomic batches: the events of one append are never interleaved with another append's.
        var streamsInOrder = all.Select(e => e.StreamId).Where((s, i) => i == 0 || all[i - 1].StreamId != s).ToList();
        Assert.Equal(streamsInOrder.Count, streamsInOrder.Distinct().Count());
    }

    [Fact]
    public virtual async Task ConcurrentAppends_WithTheSameKey_AppendOnlyOnce()
    {
        await using var store = await OpenStoreAsync();
        var record = new IdempotencyRecord("rider:7/ConfirmOffer", "dup", "h", "r");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => store.AppendAsync([Event("BookingConfirmed", "booking/7", $"{{\"try\":{i}}}")], record, None))));

        Assert.Single(results, r => r.ExistingIdempotency is null);
        Assert.Equal(7, results.Count(r => r.ExistingIdempotency == record && r.Appended.Count == 0));
        Assert.Single(await ReadAllAsync(store));
    }

    [Fact]
    public virtual async Task Reopen_AfterDispose_KeepsEventsAndIdempotency_AndContinuesSequences()
    {
        var record = new IdempotencyRecord("rider:1/RequestQuote", "k", "h", "r");
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendAsync([Event("A", "s", "{\"a\":1}"), Event("B", "s", "{}")], record, None);
        }

        await using (var reopened = await OpenStoreAsync())
        {
            Assert.Equal(["A", "B"], (await ReadAllAsync(reopened)).Select(e => e.Type));
            Assert.Equal(record, await reopened.FindIdempotencyAsync(record.Scope, record.Key, None));
            var retry = await reopened.AppendAsync([Event("A", "s", "{}")], record, None);
            Assert.Equal(record, retry.ExistingIdempotency);
            var next = await reopened.AppendAsync([Event("C", "s", "{}")], null, None);
            Assert.Equal(3, Assert.Single(next.Appended).Sequence);
        }
    }

    [Fact]
    public virtual async Task Read_AcrossManyPages_ReturnsEveryEventOnce()
    {
        await using var store = await OpenStoreAsync();
        const int batches = 5, perBatch = 500;
        for (var b = 0; b < batches; b++)
        {
            await store.AppendAsync(Enumerable.Range(0, perBatch).Select(i => Event("E", $"s/{b}", $"{{\"i\":{i}}}")).ToArray(), null, None);
        }

        var all = await ReadAllAsync(store);
        Assert.Equal(Enumerable.Range(1, batches * perBatch).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(batches * perBatch - 1234, (await ReadAllAsync(store, after: 1234)).Count);
    }

    [Fact]
    public virtual async Task Open_NewerSchemaVersion_FailsNamingTheStore()
    {
        await using (var store = await OpenStoreAsync())
        {
            await store.AppendAsync([Event("A", "s", "{}")], null, None);
        }

        await SetSchemaVersionAsync(99);
        var ex = await Assert.ThrowsAsync<DemandMobility.Storage.DispatchStoreException>(OpenStoreAsync);
        Assert.Contains(LocationName, ex.Message);
        Assert.Contains("99", ex.Message);
    }

    [Fact]
    public virtual void Property_AnySequenceOfBatches_ReadsBackAsTheirConcatenation()
    {
        // Reference model: the log is the concatenation of all appended batches, numbered 1..n.
        var store = OpenStoreAsync().GetAwaiter().GetResult();
        try
        {
            var model = new List<StoredEvent>();
            var batchGen = Gen.Choose(0, 4).SelectMany(n => Gen.Choose(0, 1000).ListOf(n));
            var property = Prop.ForAll(batchGen.ToArbitrary(), batch =>
            {
                var events = batch.Select(x => Event($"T{x % 7}", $"s/{x}", $"{{\"x\":{x}}}",
                    new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(x % 3 * 60)).AddSeconds(x))).ToArray();
                var before = model.Count;
                var result = store.AppendAsync(events, null, None).GetAwaiter().GetResult();
                // The model chains checksums the simple way: one SHA-256 over the previous link and the event.
                foreach (var e in events)
                {
                    var numbered = e with { Sequence = model.Count + 1 };
                    model.Add(numbered with { Checksum = EventChain.Next(model.Count == 0 ? EventChain.Genesis : model[^1].Checksum!, numbered) });
                }
                var tail = ReadAllAsync(store, before).GetAwaiter().GetResult();
                return result.Appended.SequenceEqual(model.Skip(before)) && tail.SequenceEqual(model.Skip(before));
            });
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), property);
            Assert.Equal(model, ReadAllAsync(store).GetAwaiter().GetResult());
        }
        finally
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
