using System.Collections.Immutable;
using System.Globalization;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Sweep;

/// <summary>
/// A scenario with swept parameter values applied, validated again like a file (so an impossible combination,
/// e.g. a shift over the dispatcher's 14-h limit, is a clear error naming the sweep value).
/// </summary>
public static class ScenarioVariant
{
    /// <summary>The scenario with each (parameter, value) applied.</summary>
    /// <exception cref="SweepException">The values make an invalid scenario (the message names them and the problem).</exception>
    public static LoadedScenario Apply(LoadedScenario scenario, IReadOnlyList<(string Name, SweepValue Value)> point)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var s = scenario.Settings;
        int? trips = null;
        foreach (var (name, value) in point)
        {
            switch (name)
            {
                case "fleet": s = s with { Fleet = ScaleFleet(scenario, (int)value.Number) }; break;
                case "service_hours": s = WithServiceHours(s, value.Text); break;
                case "max_wait": s = s with { Dispatch = s.Dispatch with { MaxWaitMin = value.Number } }; break;
                case "promise_window": s = s with { Dispatch = s.Dispatch with { PromiseWindowMin = value.Number } }; break;
                case "trips": trips = (int)value.Number; break;
                default: throw new SweepException($"--sweep: unknown parameter '{name}'.");
            }
        }
        string label = string.Join(", ", point.Select(p => p.Name + "=" + p.Value.Text));
        LoadedScenario variant;
        try
        {
            variant = ScenarioLoader.Resolve(s, (scenario.SourcePath ?? s.Name) + " with " + label, scenario.BaseDirectory);
        }
        catch (ScenarioException e)
        {
            throw new SweepException(e.Message);
        }
        if (trips is { } n)
        {
            if (variant.Demand.Mode != Demand.DemandMode.Synthetic)
                throw new SweepException($"--sweep trips: the scenario's demand is not synthetic ({variant.Demand.Mode}), so it has no requests per day to change.");
            variant = variant with { Demand = variant.Demand with { TripsPerDay = n } };
        }
        return variant;
    }

    /// <summary>
    /// The fleet entries scaled so that <paramref name="target"/> vehicles are in service at the busiest moment
    /// (<see cref="CostKpis.VehiclesNeeded"/>): each entry's count is scaled in proportion and rounded down (at
    /// least 1), then entries are raised one at a time, largest remainder first, while the peak stays within the target.
    /// </summary>
    internal static ImmutableArray<FleetEntrySettings> ScaleFleet(LoadedScenario scenario, int target)
    {
        var entries = scenario.Settings.Fleet;
        if (entries.Any(e => e.Id is not null))
            throw new SweepException("--sweep fleet: the scenario names single vehicles (fleet[].id); give them an id_prefix and a count to scale the fleet.");
        int peak = CostKpis.VehiclesNeeded(scenario.Vehicles);
        if (peak == 0) throw new SweepException("--sweep fleet: the scenario has no vehicles.");
        double factor = (double)target / peak;
        var counts = entries.Select(e => Math.Max(1, (int)Math.Floor(e.Count * factor + 1e-9))).ToArray();
        var byRemainder = Enumerable.Range(0, entries.Length).OrderByDescending(i => entries[i].Count * factor - Math.Floor(entries[i].Count * factor + 1e-9)).ThenBy(i => i).ToArray();
        for (bool raised = true; raised;)
        {
            raised = false;
            foreach (int i in byRemainder)
            {
                counts[i]++;
                if (Peak(scenario, entries, counts) <= target) raised = true;
                else counts[i]--;
            }
        }
        if (Peak(scenario, entries, counts) > target)
            throw new SweepException($"--sweep fleet={target}: the scenario has {entries.Length} fleet entries in service at once, so at least {Peak(scenario, entries, entries.Select(_ => 1).ToArray())} vehicles are needed.");
        return [.. entries.Select((e, i) => e with { Count = counts[i] })];
    }

    private static int Peak(LoadedScenario scenario, ImmutableArray<FleetEntrySettings> entries, int[] counts)
    {
        // Shifts of one entry all overlap, so the peak of the entries' shift intervals weighted by count.
        var events = new List<(TimeOnly At, int Delta)>();
        for (int i = 0; i < entries.Length; i++)
        {
            events.Add((Clock(entries[i].ShiftStart), counts[i]));
            events.Add((Clock(entries[i].ShiftEnd), -counts[i]));
        }
        events.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Delta.CompareTo(b.Delta));
        int now = 0, peak = 0;
        foreach (var (_, d) in events)
        {
            now += d;
            peak = Math.Max(peak, now);
        }
        return peak;
    }

    /// <summary>
    /// New service hours: the demand window becomes the period; shifts that started at the old day start now start
    /// at the new one, shifts that ended at the old day end now end at the new one, and every shift is clipped to the
    /// period (entries left with no time are dropped).
    /// </summary>
    private static ScenarioSettings WithServiceHours(ScenarioSettings s, string period)
    {
        string from = period[..5], to = period[6..];
        var oldStart = Clock(s.DayStart);
        var oldEnd = Clock(s.DayEnd);
        var newStart = Clock(from);
        var newEnd = Clock(to);
        var fleet = ImmutableArray.CreateBuilder<FleetEntrySettings>();
        foreach (var e in s.Fleet)
        {
            var start = Clock(e.ShiftStart) == oldStart ? newStart : Clock(e.ShiftStart);
            var end = Clock(e.ShiftEnd) == oldEnd ? newEnd : Clock(e.ShiftEnd);
            if (start < newStart) start = newStart;
            if (end > newEnd) end = newEnd;
            if (end <= start) continue;
            fleet.Add(e with { ShiftStart = Text(start), ShiftEnd = Text(end) });
        }
        if (fleet.Count == 0) throw new SweepException($"--sweep service_hours={period}: no shift of the fleet falls inside these hours.");
        return s with { DayStart = from, DayEnd = to, Fleet = fleet.ToImmutable() };
    }

    private static TimeOnly Clock(string hhmm) =>
        TimeOnly.TryParseExact(hhmm, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
            : throw new SweepException($"--sweep: the scenario's time '{hhmm}' is not HH:mm.");

    private static string Text(TimeOnly t) => t.ToString(t.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
