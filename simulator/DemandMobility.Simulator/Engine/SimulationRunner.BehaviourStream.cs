using DemandMobility.Dispatch.Travel;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Engine;

// Hook for the parcel-free comparison run (Output/ParcelImpactRun): it must give every passenger the same
// behaviour draws as the full run, so it supplies its own behaviour stream instead of new Random(seed).
public sealed partial class SimulationRunner
{
    /// <summary>Prepares a run whose rider behaviour draws come from <paramref name="behaviour"/> instead of the scenario seed.</summary>
    internal SimulationRunner(LoadedScenario scenario, DemandSet demand, IDispatchGateway gateway, ITravelTimeService travel,
        IProgress<double>? progress, Random behaviour)
        : this(scenario, demand, gateway, travel, progress)
    {
        _behaviour = behaviour;
    }
}
