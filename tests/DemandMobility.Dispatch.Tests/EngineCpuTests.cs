using System.Runtime.CompilerServices;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>The engine's CPU count sees work and not waiting: what an area's balancing weight is made of.</summary>
public sealed class EngineCpuTests
{
    [Fact]
    public void A_section_that_computes_counts_its_CPU_and_one_that_sleeps_almost_none()
    {
        var cpu = new EngineCpu();
        var work = TimeSpan.FromMilliseconds(50);
        using (cpu.Measure()) Spin(work);
        var computed = cpu.Total;
        using (cpu.Measure()) Thread.Sleep(200);
        var slept = cpu.Total - computed;
        Assert.True(computed >= work, $"a section that computed {work.TotalMilliseconds} ms counted {computed.TotalMilliseconds} ms");
        Assert.True(slept < computed / 5, $"a section that slept 200 ms counted {slept.TotalMilliseconds} ms of CPU");
    }

    [Fact]
    public async Task An_engine_that_computes_is_measured_heavier_than_one_that_waits_for_its_store()
    {
        // Computes: a dozen bookings on three buses and a re-optimisation round.
        var busy = await CreateAsync();
        await busy.AddVehicleAsync("bus-1", seats: 3, depot: P(-3, -3));
        await busy.AddVehicleAsync("bus-2", seats: 3, depot: P(3, 3));
        await busy.AddVehicleAsync("bus-3", seats: 3, depot: P(0, 0));
        var rng = new Random(11);
        for (int i = 0; i < 12; i++)
        {
            var q = await busy.Engine.RequestQuoteAsync(CallerIdentity.Rider("r" + i),
                Trip(At(rng.Next(-4, 5), rng.Next(-4, 5)), At(rng.Next(-4, 5) + 0.5, rng.Next(-4, 5)), Start.AddMinutes(10 + 5 * i)));
            if (q.Value?.Offer is { } offer) await busy.Engine.ConfirmOfferAsync(CallerIdentity.Rider("r" + i), offer.OfferId);
        }
        await busy.Engine.ReoptimiseAsync();

        // Waits: every append takes 150 ms of waiting for the store, as a slow database would.
        var store = new SlowStore(TimeSpan.FromMilliseconds(150));
        var waiting = await DispatchEngine.OpenAsync(new DispatchOptions(), new Travel.StraightLineTravelTimeService(40), store,
            new ManualTimeProvider(Start), new Random(1));
        Assert.True((await waiting.RegisterVehicleAsync(Control, new VehicleRegistration("bus-1", new LoadVector(4, 0, 0, 2), P(0, 0), Start, Start.AddHours(12)))).IsSuccess);
        Assert.True((await waiting.StartShiftAsync(Control, "bus-1")).IsSuccess);
        for (int i = 0; i < 2; i++)
        {
            var q = await waiting.RequestQuoteAsync(CallerIdentity.Rider("w" + i), Trip(At(1, i), At(-2, 2), Start.AddMinutes(20 + 10 * i)));
            if (q.Value?.Offer is { } offer) await waiting.ConfirmOfferAsync(CallerIdentity.Rider("w" + i), offer.OfferId);
        }

        var waited = store.Appends * store.Delay;
        Assert.True(store.Appends >= 3, $"{store.Appends} appends");
        Assert.True(waiting.Cpu.Total < waited / 3, $"the waiting engine counted {waiting.Cpu.Total.TotalMilliseconds} ms of CPU in {waited.TotalMilliseconds} ms of waiting");
        Assert.True(busy.Engine.Cpu.Total > waiting.Cpu.Total,
            $"computing engine {busy.Engine.Cpu.Total.TotalMilliseconds} ms, waiting engine {waiting.Cpu.Total.TotalMilliseconds} ms");
    }

    /// <summary>Spins until the calling thread has used <paramref name="cpu"/> of CPU (at most 60 s of wall time).</summary>
    private static void Spin(TimeSpan cpu)
    {
        long start = ThreadCpuClock.NowTicks();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        double x = 1;
        while (ThreadCpuClock.NowTicks() - start < cpu.Ticks && DateTime.UtcNow < deadline)
            for (int i = 0; i < 10_000; i++) x = Math.Sqrt(x + i);
        GC.KeepAlive(x);
    }

    /// <summary>An in-memory store whose appends wait <see cref="Delay"/> first.</summary>
    private sealed class SlowStore(TimeSpan delay) : IDispatchStore
    {
        private readonly InMemoryDispatchStore _inner = new();
        private int _appends;

        public TimeSpan Delay => delay;

        public int Appends => Volatile.Read(ref _appends);

        public async Task<AppendResult> AppendAsync(IReadOnlyList<StoredEvent> events, IdempotencyRecord? idempotency, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            Interlocked.Increment(ref _appends);
            return await _inner.AppendAsync(events, idempotency, cancellationToken);
        }

        public async IAsyncEnumerable<StoredEvent> ReadAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var e in _inner.ReadAsync(afterSequence, cancellationToken)) yield return e;
        }

        public Task<IdempotencyRecord?> FindIdempotencyAsync(string scope, string key, CancellationToken cancellationToken) =>
            _inner.FindIdempotencyAsync(scope, key, cancellationToken);

        public ValueTask DisposeAsync() => _inner.DisposeAsync();
    }
}
