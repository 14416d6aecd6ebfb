namespace DemandMobility.Cluster.Balancing;

/// <summary>
/// One area's measured load: the CPU its engine uses (the grain hands it per call, see
/// <c>ServiceAreaGrain.Load.cs</c>) and how many calls there are, as rates smoothed exponentially in
/// continuous time (each call counts with weight e^(−age/τ)/τ, the estimator behind Unix's load average; see
/// N. J. Gunther, "UNIX Load Average Part 1", 2003), so a steady load λ reads λ and a burst fades with time
/// constant τ. Thread-safe.
/// </summary>
public sealed class AreaLoadMeter(TimeSpan smoothing)
{
    private readonly Lock _gate = new();
    private readonly double _tau = smoothing > TimeSpan.Zero
        ? smoothing.TotalSeconds
        : throw new ArgumentOutOfRangeException(nameof(smoothing), "The smoothing constant must be positive.");

    private DateTimeOffset _at = DateTimeOffset.MinValue;
    private double _busy; // seconds busy per second
    private double _calls; // calls per second

    /// <summary>Notes <paramref name="busy"/> CPU spent by <paramref name="calls"/> calls (0: work outside calls) ending at <paramref name="at"/>.</summary>
    public void Record(DateTimeOffset at, TimeSpan busy, int calls = 1)
    {
        lock (_gate)
        {
            DecayTo(at);
            _busy += Math.Max(0, busy.TotalSeconds) / _tau;
            _calls += Math.Max(0, calls) / _tau;
        }
    }

    /// <summary>The smoothed rates at <paramref name="at"/>.</summary>
    public AreaLoadReading Read(DateTimeOffset at)
    {
        lock (_gate)
        {
            DecayTo(at);
            return new AreaLoadReading(_busy * 60_000, _calls * 60, _at);
        }
    }

    /// <summary>Continues from a reading taken elsewhere (the area's previous activation), decayed to now.</summary>
    public void Resume(AreaLoadReading reading, DateTimeOffset at)
    {
        lock (_gate)
        {
            _busy = Math.Max(0, reading.BusyMsPerMinute) / 60_000;
            _calls = Math.Max(0, reading.CallsPerMinute) / 60;
            _at = reading.At;
            DecayTo(at);
        }
    }

    private void DecayTo(DateTimeOffset at)
    {
        if (_at == DateTimeOffset.MinValue || at <= _at)
        {
            if (_at == DateTimeOffset.MinValue) _at = at;
            return;
        }
        double factor = Math.Exp(-(at - _at).TotalSeconds / _tau);
        _busy *= factor;
        _calls *= factor;
        _at = at;
    }
}

/// <summary>An <see cref="AreaLoadMeter"/>'s rates at one time.</summary>
/// <param name="BusyMsPerMinute">Milliseconds of CPU the area's engine spends per minute.</param>
/// <param name="CallsPerMinute">Calls per minute.</param>
/// <param name="At">When the rates were taken.</param>
[GenerateSerializer, Immutable, Alias("DemandMobility.Cluster.AreaLoadReading")]
public sealed record AreaLoadReading([property: Id(0)] double BusyMsPerMinute, [property: Id(1)] double CallsPerMinute, [property: Id(2)] DateTimeOffset At);
