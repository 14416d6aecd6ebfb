using System.Collections.Immutable;

namespace DemandMobility.Simulator.Output;

/// <summary>
/// The measured effect of a KombiBUS day's parcels on its riders: the scenario run a second time with the same seed
/// and the same passenger demand but without parcels, compared rider by rider.
/// </summary>
/// <param name="Kpis">Flat comparison KPIs (<c>passengers_added_…</c>, see <see cref="ParcelImpactKpis"/>), merged into the run's kpis.json.</param>
/// <param name="Passengers">One row per rider trip (parcels excluded), in demand order.</param>
/// <param name="WithoutParcelsKpis">The parcel-free run's own KPI table (shown beside the run in report.html).</param>
/// <param name="WallClockSeconds">Real time the parcel-free run took.</param>
/// <param name="Completed">False when the parcel-free run was stopped early (Ctrl-C): the comparison is partial.</param>
public sealed record ParcelImpact(
    ImmutableSortedDictionary<string, double> Kpis,
    ImmutableArray<PassengerImpact> Passengers,
    ImmutableSortedDictionary<string, double> WithoutParcelsKpis,
    double WallClockSeconds,
    bool Completed = true);
