namespace DemandMobility.Simulator.Scenario;

/// <summary>What kind of disruption an incident is.</summary>
public enum IncidentKind
{
    /// <summary>The vehicle stops where it is and is taken out of service; the dispatcher re-plans its bookings.</summary>
    Breakdown,

    /// <summary>The vehicle drives its plan but sends no GPS fixes (a dead tracker or no mobile network).</summary>
    Silent,
}

/// <summary>A validated incident with absolute times.</summary>
/// <param name="Kind">What happens.</param>
/// <param name="VehicleId">The vehicle concerned.</param>
/// <param name="Start">When it happens (a breakdown) or begins (a silent period).</param>
/// <param name="End">End of a silent period; equals <paramref name="Start"/> for a breakdown.</param>
public sealed record ScenarioIncident(IncidentKind Kind, string VehicleId, DateTimeOffset Start, DateTimeOffset End);
