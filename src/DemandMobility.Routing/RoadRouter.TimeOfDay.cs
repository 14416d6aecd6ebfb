using System.Collections.Concurrent;

namespace DemandMobility.Routing;

public sealed partial class RoadRouter
{
    private readonly ConcurrentDictionary<int, Lazy<RoadRouter>> _bands = new();

    /// <summary>Speed factors by hour and road class used by <see cref="ForDeparture"/> (default <see cref="TimeOfDayProfile.Default"/>).</summary>
    public TimeOfDayProfile TimeOfDay { get; private init; }

    /// <summary>A router with the same graph, turns and snapping whose times follow another time-of-day profile.</summary>
    public RoadRouter WithTimeOfDay(TimeOfDayProfile profile) =>
        new(Graph, _turns, Hierarchy, _metricMs, Options, this) { TimeOfDay = profile };

    /// <summary>
    /// The router for a departure time: free-flow hours return this router; a peak hour returns the router of its
    /// band (this router's metric scaled by the hour's class factors, hierarchy re-contracted once per band and
    /// then kept). Null means free flow (no departure given).
    /// </summary>
    public RoadRouter ForDeparture(DateTimeOffset? departure)
    {
        if (departure is null) return this;
        int hour = TimeOfDay.HourOf(departure.Value);
        if (TimeOfDay.IsFreeFlow(hour)) return this;
        var lazy = _bands.GetOrAdd(TimeOfDay.BandOf(hour), _ => new Lazy<RoadRouter>(
            () => WithMetric(TimeOfDay.EdgeDurationsMs(Graph, _metricMs, hour)), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }
}
