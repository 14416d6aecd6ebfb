using DemandMobility.Dispatch.Geo;
using DemandMobility.Routing;
using DemandMobility.Routing.Matching;

namespace DemandMobility.Dispatch.Learning;

/// <summary>
/// Learning from the fleet: vehicles' GPS fixes are buffered per vehicle (cut at every stop event, where the vehicle
/// stands), matched to the road graph in batches (<see cref="HmmMapMatcher"/>), and each drive between two fixes adds
/// its time to the edges it passed, shared out in proportion to what the current estimate expects of each piece
/// (so a slow stretch is charged to the slow road, not spread evenly); <see cref="LearnedTravelTimes"/> turns that
/// evidence into per-edge, per-hour factors. <see cref="Reweight"/> builds a router with the learned times off the
/// quote path and swaps it into <see cref="Travel"/> (an immutable router reference), so quotes never stop.
/// The fix buffers are guarded by one lock; <see cref="Observe"/> only appends (it runs inside the engine's command).
/// </summary>
public sealed class TravelTimeLearning
{
    private readonly RoadRouter _profile;
    private readonly LearningOptions _options;
    private readonly ILearnedTimesStore? _store;
    private readonly IRouterReweighter _reweighter;
    private readonly TimeZoneInfo _zone;
    private readonly HmmMapMatcher _matcher;
    private readonly object _gate = new();
    private readonly Dictionary<string, List<GpsFix>> _open = new(StringComparer.Ordinal);
    private readonly List<List<GpsFix>> _closed = [];
    private readonly SemaphoreSlim _reweighting = new(1, 1);
    private long _epochTicks = long.MinValue;

    /// <summary>Learning over the <paramref name="profile"/> router (its times are the prior and stay untouched).</summary>
    /// <exception cref="ArgumentException">Unknown time zone or invalid matching options (the message names it).</exception>
    public TravelTimeLearning(RoadRouter profile, LearningOptions? options = null, IRouterReweighter? reweighter = null)
    {
        _profile = profile;
        _options = options ?? new LearningOptions();
        _store = _options.Store ?? (_options.FilePath is { } path ? new LearnedTimesFileStore(path) : null);
        _reweighter = reweighter ?? new ContractionReweighter();
        try { _zone = TimeZoneInfo.FindSystemTimeZoneById(_options.TimeZone); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"LearningOptions.TimeZone: unknown time zone '{_options.TimeZone}'.", nameof(options), e);
        }
        _matcher = new HmmMapMatcher(profile.Graph, _options.Matching);
        Learned = new LearnedTravelTimes(profile.Graph);
        // Learned factors are at least MinFactor, so no learned router is faster than the profile ÷ MinFactor.
        Travel = new SwappableTravelTimeService(profile,
            new Travel.RoadRouterTravelTimeService(profile).MaxSpeedMetresPerSecond / LearnedTravelTimes.MinFactor);
    }

    /// <summary>The dispatcher's travel times: the profile at first, the learned router after each <see cref="Reweight"/>.</summary>
    public SwappableTravelTimeService Travel { get; }

    /// <summary>The evidence and the estimates.</summary>
    public LearnedTravelTimes Learned { get; }

    /// <summary>The profile router (the prior).</summary>
    public RoadRouter Profile => _profile;

    /// <summary>Raised after a new router answers (the engine drops its memoised travel times).</summary>
    public event Action? RouterSwapped;

    /// <summary>Buffers one fix of a vehicle.</summary>
    public void Observe(string vehicleId, GeoPoint position, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_epochTicks == long.MinValue) _epochTicks = at.UtcTicks;
            if (!_open.TryGetValue(vehicleId, out var fixes)) _open[vehicleId] = fixes = [];
            double seconds = (at.UtcTicks - _epochTicks) / (double)TimeSpan.TicksPerSecond;
            if (fixes.Count > 0 && seconds <= fixes[^1].Seconds) return; // out of order or repeated: not a drive
            fixes.Add(new GpsFix(position.Latitude, position.Longitude, seconds));
        }
    }

    /// <summary>Closes the vehicle's current stretch (it stopped: a stop event), so no drive spans the stop.</summary>
    public void Cut(string vehicleId)
    {
        lock (_gate)
        {
            if (!_open.Remove(vehicleId, out var fixes) || fixes.Count < 2) return;
            _closed.Add(fixes);
        }
    }

    /// <summary>Matches every buffered stretch and adds its drives as evidence; returns the number of drives used.</summary>
    public int Learn()
    {
        List<List<GpsFix>> batch;
        lock (_gate)
        {
            batch = [.. _closed];
            _closed.Clear();
            // Open stretches are learned up to their last fix, which starts the rest of the stretch.
            foreach (var (id, fixes) in _open)
                if (fixes.Count >= 2)
                {
                    batch.Add([.. fixes]);
                    fixes.RemoveRange(0, fixes.Count - 1);
                }
        }
        int used = 0;
        foreach (var stretch in batch) used += LearnStretch(stretch);
        return used;
    }

    private int LearnStretch(List<GpsFix> fixes)
    {
        var trace = _matcher.Match(fixes);
        var g = _profile.Graph;
        int used = 0;
        foreach (var t in trace.Traversals)
        {
            int hour = HourOf(fixes[t.FromFix].Seconds + t.Seconds / 2);
            double profile = 0, expected = 0;
            foreach (var p in t.Pieces)
            {
                double s = (p.ToFraction - p.FromFraction) * g.EdgeDurationMs[p.Edge] / 1000.0;
                profile += s;
                expected += s * Learned.Factor(p.Edge, hour);
            }
            if (profile < _options.MinProfileSeconds || expected <= 0) continue;
            double ratio = t.Seconds / expected;
            if (ratio > _options.PlausibleRatio || ratio < 1 / _options.PlausibleRatio) continue;
            foreach (var p in t.Pieces)
            {
                double share = p.ToFraction - p.FromFraction;
                double s = share * g.EdgeDurationMs[p.Edge] / 1000.0;
                if (share <= 0 || s <= 0) continue;
                Learned.Add(p.Edge, hour, t.Seconds * s * Learned.Factor(p.Edge, hour) / expected, s, share);
            }
            used++;
        }
        return used;
    }

    private int HourOf(double secondsSinceEpoch)
    {
        var utc = new DateTime(_epochTicks + (long)(secondsSinceEpoch * TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTimeFromUtc(utc, _zone).Hour;
    }

    /// <summary>The local hour of <paramref name="at"/> in the learning's time zone.</summary>
    public int HourOf(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).Hour;

    /// <summary>
    /// Builds a router with the learned times of <paramref name="hour"/> and swaps it in; quotes keep running on the
    /// old router meanwhile. One re-weighting at a time.
    /// </summary>
    public RoadRouter Reweight(int hour)
    {
        _reweighting.Wait();
        try
        {
            var router = Learned.CellCount == 0 ? _profile : _reweighter.WithEdgeTravelTimes(_profile, Learned.SecondsPerEdge(hour));
            Travel.Swap(router);
            RouterSwapped?.Invoke();
            return router;
        }
        finally
        {
            _reweighting.Release();
        }
    }

    /// <summary>
    /// Reads the learned evidence from <see cref="LearningOptions.Store"/> or <see cref="LearningOptions.FilePath"/>
    /// (rejected evidence changes nothing).
    /// </summary>
    public LearnedTimesLoad Load() =>
        _store is { } store ? store.Load(Learned) : new LearnedTimesLoad(LearnedTimesStatus.Missing, "", 0);

    /// <summary>Keeps the learned evidence in <see cref="LearningOptions.Store"/> or <see cref="LearningOptions.FilePath"/> (nothing without either).</summary>
    public void Save() => _store?.Save(Learned);

    /// <summary>Forgets all learned times and buffered fixes, saves the empty state, and puts the profile back.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _open.Clear();
            _closed.Clear();
        }
        Learned.Clear();
        Save();
        Travel.Swap(_profile);
        RouterSwapped?.Invoke();
    }

    /// <summary>
    /// The periodic loop: every <see cref="LearningOptions.Interval"/> of <paramref name="time"/>, learn from the
    /// buffered fixes, re-weight for the current hour and save. Ends when <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task RunAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Learn();
                // Contraction is CPU work of about a second: off the caller's thread, quotes use the old router meanwhile.
                await Task.Run(() => Reweight(HourOf(time.GetUtcNow())), cancellationToken).ConfigureAwait(false);
                Save();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
