using System.Text.Json;
using DemandMobility.Dispatch.Engine;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// The frames every open console shares: built at most once per <see cref="MinGap"/> when the engine changed
/// (<see cref="DispatchEngine.ChangeVersion"/>), each with a sequence number, the delta from the frame before and (made
/// on demand) the whole snapshot, so a hundred browsers cost one build per change, not a hundred. Between two builds
/// only what the engine changed is read again (<see cref="DashboardSnapshotBuilder.NextAsync"/>); once per
/// <see cref="DashboardSettings.RefreshInterval"/> the parts that move with the clock alone (stale fixes, forecasts,
/// expiring offers, today's KPIs) are refreshed too: the fleet and the open bookings of vehicles whose forecast moved,
/// not every open booking. The last <see cref="Kept"/> frames are kept, so a console that
/// is a few frames behind, or reconnects with <c>Last-Event-ID</c>, gets the deltas it missed instead of a snapshot.
/// </summary>
internal sealed class DashboardFeed(IConsoleSource engine, DashboardSnapshotBuilder builder, DashboardSettings settings)
{
    /// <summary>
    /// The shortest time between two frames: a fleet of 120 buses reporting every second changes the engine 120 times a
    /// second, and the screen needs no more than a few frames per second (the 1 s budget holds).
    /// </summary>
    public static readonly TimeSpan MinGap = TimeSpan.FromMilliseconds(250);

    /// <summary>Frames kept for consoles that are behind (16 s at four frames a second).</summary>
    public const int Kept = 64;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DeltaEncoder _encoder = new(Json);
    private readonly DashboardFrame?[] _frames = new DashboardFrame?[Kept];
    private ConsoleCards? _cards;
    private long _clockAt;
    private DashboardFrame? _latest;

    /// <summary>
    /// Names this feed in event ids (<c>&lt;epoch&gt;.&lt;sequence&gt;</c>), so a browser reconnecting with the id of
    /// another server process (a restart) gets a snapshot instead of deltas against a state it never had.
    /// </summary>
    public string Epoch { get; } = Convert.ToHexString(BitConverter.GetBytes(Random.Shared.NextInt64())).ToLowerInvariant();

    /// <summary>Completes when the engine changed after <paramref name="seen"/>, or when a frame would be stale.</summary>
    public async Task WaitAsync(long seen, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.RefreshInterval);
        try
        {
            await engine.WaitForChangeAsync(seen, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The refresh interval passed without a change: the caller re-reads for the clock-driven parts.
        }
    }

    /// <summary>The latest frame; a new one when the engine moved on or the latest is older than the refresh interval, but not within <see cref="MinGap"/> of the last build.</summary>
    public async Task<DashboardFrame> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_latest) is { } ready) return ready;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(_latest) is { } built) return built;
            // The version is read before the state: a change during the build makes the next call build again.
            long version = engine.ChangeVersion;
            long now = Environment.TickCount64;
            bool clock = _cards is null || now - _clockAt >= (long)settings.RefreshInterval.TotalMilliseconds;
            var (cards, snapshot) = await builder.NextAsync(_cards, clock, cancellationToken).ConfigureAwait(false);
            // A full read (at the start, or when the engine could not say what changed) refreshes the clock-driven parts too.
            if (clock || !ReferenceEquals(cards, _cards)) _clockAt = now;
            _cards = cards;
            long sequence = (_latest?.Sequence ?? 0) + 1;
            var delta = _encoder.Next(sequence, snapshot);
            var frame = new DashboardFrame(sequence, version, now, snapshot, JsonSerializer.SerializeToUtf8Bytes(delta, Json));
            _frames[sequence % Kept] = frame;
            _latest = frame;
            return frame;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The frames after <paramref name="seen"/> up to <paramref name="frame"/>, oldest first; null when one of them is no
    /// longer kept (the console then gets a snapshot).
    /// </summary>
    public IReadOnlyList<DashboardFrame>? FramesAfter(long seen, DashboardFrame frame)
    {
        if (seen < 0 || seen >= frame.Sequence || frame.Sequence - seen > Kept) return null;
        var list = new List<DashboardFrame>((int)(frame.Sequence - seen));
        for (long s = seen + 1; s <= frame.Sequence; s++)
        {
            if (s == frame.Sequence) { list.Add(frame); break; }
            if (Volatile.Read(ref _frames[s % Kept]) is not { } kept || kept.Sequence != s) return null;
            list.Add(kept);
        }
        return list;
    }

    /// <summary>The sequence in an event id of this feed (<c>Last-Event-ID</c>); -1 for none, another feed's or a malformed one.</summary>
    public long SequenceOf(string? eventId)
    {
        if (string.IsNullOrEmpty(eventId)) return -1;
        int dot = eventId.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && eventId.AsSpan(0, dot).SequenceEqual(Epoch)
            && long.TryParse(eventId.AsSpan(dot + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long n)
            ? n : -1;
    }

    /// <summary>The event id of <paramref name="frame"/>.</summary>
    public string EventId(DashboardFrame frame) => $"{Epoch}.{frame.Sequence}";

    private DashboardFrame? Fresh(DashboardFrame? frame)
    {
        if (frame is null) return null;
        long age = Environment.TickCount64 - frame.BuiltAt;
        if (age < (long)MinGap.TotalMilliseconds) return frame;
        return frame.Version == engine.ChangeVersion && age < (long)settings.RefreshInterval.TotalMilliseconds ? frame : null;
    }
}

/// <summary>One frame of the feed: the snapshot at one engine change and the delta from the frame before.</summary>
/// <param name="Sequence">Its number (1, 2, …); the delta applies to the frame numbered one less.</param>
/// <param name="Version">The engine's change counter read before the build.</param>
/// <param name="BuiltAt">When it was built, in <see cref="Environment.TickCount64"/> milliseconds (wall time, also under a simulated engine clock).</param>
/// <param name="Snapshot">The whole state shown.</param>
/// <param name="DeltaJson">The <see cref="DashboardDelta"/> from the frame before, as UTF-8 JSON on one line.</param>
internal sealed class DashboardFrame(long Sequence, long Version, long BuiltAt, DashboardSnapshot Snapshot, byte[] DeltaJson)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<byte[]> _snapshotJson = new(() => JsonSerializer.SerializeToUtf8Bytes(Snapshot, Json), LazyThreadSafetyMode.ExecutionAndPublication);

    public long Sequence { get; } = Sequence;
    public long Version { get; } = Version;
    public long BuiltAt { get; } = BuiltAt;
    public byte[] DeltaJson { get; } = DeltaJson;

    /// <summary>The whole snapshot as UTF-8 JSON on one line, serialised once, for the consoles that need it.</summary>
    public byte[] SnapshotJson => _snapshotJson.Value;
}
