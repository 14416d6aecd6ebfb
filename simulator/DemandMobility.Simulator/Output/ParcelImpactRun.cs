using System.Collections.Immutable;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// Measures what a KombiBUS day's parcels cost its riders: runs the same scenario again, in-process, with the same
/// seed and the same rider demand but no parcels, and compares rider by rider (<see cref="ParcelImpactKpis"/>).
/// <para>
/// Both runs see identical riders: the demand builder draws passengers, pupils and parcels from separate random
/// streams (so the parcel-free demand is the full demand minus its parcels, trip for trip), and the riders'
/// behaviour draws (cancel, no-show: two per trip in request order, parcels included) are replayed so that each
/// rider gets the same draws as in the full run. The engine's own seeded solver sees a different problem, so its
/// choices may differ: the comparison measures the parcels plus the dispatcher's response to them.
/// </para>
/// </summary>
public static class ParcelImpactRun
{
    /// <summary>True when <paramref name="demand"/> holds parcels, so that a comparison is worth running.</summary>
    public static bool HasParcels(DemandSet demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        foreach (var t in demand.Trips)
            if (t.Kind == TripKind.Parcel) return true;
        return false;
    }

    /// <summary>The demand without its parcels, in the same order.</summary>
    public static DemandSet WithoutParcels(DemandSet demand)
    {
        ArgumentNullException.ThrowIfNull(demand);
        var riders = ImmutableArray.CreateBuilder<DemandTrip>(demand.Trips.Length);
        foreach (var t in demand.Trips)
            if (t.Kind != TripKind.Parcel) riders.Add(t);
        return demand with { Trips = riders.ToImmutable() };
    }

    /// <summary>
    /// Runs the parcel-free day (always in-process) and compares it with <paramref name="withParcels"/>, the run of
    /// <paramref name="scenario"/> on <paramref name="demand"/>. Works on a day without parcels too (the two runs are
    /// then the same day and every added delay is 0). Cancelling returns the comparison of the partial run.
    /// </summary>
    public static async Task<ParcelImpact> RunAsync(
        LoadedScenario scenario, ITravelTimeService travel, DemandSet demand, SimulationResult withParcels,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(withParcels);
        var riders = WithoutParcels(demand);
        var start = scenario.DayStart;
        foreach (var v in scenario.Vehicles)
            if (v.ShiftStart < start) start = v.ShiftStart;
        await using var gateway = await InProcessGateway.OpenAsync(scenario.Options, travel, start, scenario.Settings.Seed,
            scenario.Settings.Reoptimisation.Iterations, cancellationToken).ConfigureAwait(false);
        var behaviour = new ReplayedDraws(RiderDraws(demand, scenario.Settings.Seed));
        var without = await new SimulationRunner(scenario, riders, gateway, travel, progress, behaviour)
            .RunAsync(cancellationToken).ConfigureAwait(false);
        var (kpis, passengers) = ParcelImpactKpis.Compare(withParcels, without);
        return new ParcelImpact(kpis, passengers, without.Kpis, without.WallClockSeconds, without.Completed);
    }

    /// <summary>
    /// <paramref name="result"/> with the comparison attached and its KPIs merged in (they replace the upper-bound
    /// estimate of <c>passengers_added_delay_s</c>). A partial comparison (stopped early) is attached without merging
    /// its KPIs, and marks the result as not completed.
    /// </summary>
    public static SimulationResult Attach(SimulationResult result, ParcelImpact impact)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(impact);
        if (!impact.Completed) return result with { Completed = false, ParcelImpact = impact };
        return result with { Kpis = result.Kpis.SetItems(impact.Kpis), ParcelImpact = impact };
    }

    /// <summary>
    /// The behaviour draws the full run gives its riders, in request order: the runner draws two numbers per trip
    /// (parcels included) from <c>new Random(seed)</c> as each trip is requested, and trips are requested in demand order.
    /// </summary>
    private static double[] RiderDraws(DemandSet demand, int seed)
    {
        const int drawsPerTrip = 2;
        var random = new Random(seed);
        var draws = new List<double>(demand.Trips.Length * drawsPerTrip);
        foreach (var t in demand.Trips)
            for (int i = 0; i < drawsPerTrip; i++)
            {
                double d = random.NextDouble();
                if (t.Kind != TripKind.Parcel) draws.Add(d);
            }
        return [.. draws];
    }

    /// <summary>A <see cref="Random"/> that returns recorded numbers first (then continues with its own seeded sequence).</summary>
    private sealed class ReplayedDraws(double[] draws) : Random(0)
    {
        private int _next;

        public override double NextDouble() => Sample();

        // base.Sample, not base.NextDouble: Random's derived-class path calls the virtual Sample, which would recurse.
        protected override double Sample() => _next < draws.Length ? draws[_next++] : base.Sample();
    }
}
