using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Planner;

/// <summary>One simulator run of a loaded scenario into a job's report, as <c>dm simulate SCENARIO --out DIR</c> does.</summary>
internal static class SimulationRun
{
    /// <summary>
    /// Loads the road data (the server's graph file for the server's extract), builds the demand, runs the day (and the
    /// parcel-free comparison run on days with parcels) and keeps the report files; null when cancelled.
    /// </summary>
    public static async Task<PlannerJobOutcome?> RunAsync(LoadedScenario scenario, PlannerSettings settings, IPlannerJobStore store, string jobId,
        IProgress<double> progress, CancellationToken ct)
    {
        var travel = Simulation.LoadTravel(scenario, settings.GraphFor(scenario.PbfPath));
        var demand = Simulation.BuildDemand(scenario);
        var result = await Simulation.RunAsync(scenario, travel, demand, null, progress, ct).ConfigureAwait(false);
        if (result.Completed && ParcelImpactRun.HasParcels(demand))
            result = ParcelImpactRun.Attach(result, await ParcelImpactRun.RunAsync(scenario, travel, demand, result, null, ct).ConfigureAwait(false));
        if (!result.Completed || ct.IsCancellationRequested) return null;
        result = result with { Places = PlaceLabels.Read(scenario) };
        var files = ResultWriter.Write(result, store.WorkFolder(jobId), null, scenario.Demand.School?.Tariff);
        return new PlannerJobOutcome.Succeeded(store.SaveReport(jobId, files), result.Kpis);
    }
}
