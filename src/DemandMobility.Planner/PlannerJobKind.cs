namespace DemandMobility.Planner;

/// <summary>What a planner job does.</summary>
public enum PlannerJobKind
{
    /// <summary>A simulation scenario (<c>dm simulate</c> in the background).</summary>
    Simulation,

    /// <summary>A school-route planning run: the school scenario, its pupils routed and the run billed by its tariff.</summary>
    SchoolPlanning,

    /// <summary>A verified backup of the dispatcher's store.</summary>
    StoreBackup,

    /// <summary>A backup verified and staged to replace the dispatcher's store at the server's next start.</summary>
    StoreRestore,
}
