using DemandMobility.Dispatch.Learning;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The explicit inputs every decider works from: the engine state (read; only the engine's commit changes it), the
/// options, the travel times, the clock, the seeded id source and the insertion strategy. One per engine.
/// </summary>
internal sealed class EngineContext(
    EngineState state, DispatchOptions options, TravelCache travel, TimeProvider time, Random random, IInsertionStrategy insertion)
{
    public EngineState State { get; } = state;

    public DispatchOptions Options { get; } = options;

    public TravelCache Travel { get; } = travel;

    public TimeProvider Time { get; } = time;

    public IInsertionStrategy Insertion { get; } = insertion;

    /// <summary>Learns travel times from fixes when the host enabled it (<see cref="DispatchEngine.UseLearning"/>).</summary>
    public TravelTimeLearning? Learning { get; set; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>
    /// A random (version 4) GUID string from the seeded source, so that simulations are replayable. After a
    /// restart the same seed repeats earlier ids, so ids already known to the state are skipped.
    /// </summary>
    public string NewId()
    {
        Span<byte> b = stackalloc byte[16];
        while (true)
        {
            // Quotes decide in parallel (reader lock); Random is not thread-safe.
            lock (random) random.NextBytes(b);
            b[7] = (byte)((b[7] & 0x0F) | 0x40);
            b[8] = (byte)((b[8] & 0x3F) | 0x80);
            string id = new Guid(b).ToString();
            if (!State.Bookings.ContainsKey(id) && !State.Parcels.ContainsKey(id) && !State.Offers.ContainsKey(id)) return id;
        }
    }
}
