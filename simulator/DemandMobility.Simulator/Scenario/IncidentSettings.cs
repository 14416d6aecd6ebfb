namespace DemandMobility.Simulator.Scenario;

/// <summary>
/// One disruption of the simulated day as written in the scenario's <c>incidents</c> list:
/// <c>{"kind": "breakdown", "vehicle": "early-3", "at": "12:30"}</c> or
/// <c>{"kind": "silent", "vehicle": "late-2", "from": "14:00", "minutes": 15}</c>.
/// </summary>
public sealed record IncidentSettings
{
    /// <summary><c>breakdown</c> (the vehicle stops where it is and leaves service) or <c>silent</c> (it drives on but sends no GPS fixes).</summary>
    public string Kind { get; init; } = "";

    /// <summary>The vehicle id (as the fleet names it).</summary>
    public string Vehicle { get; init; } = "";

    /// <summary>Local time of a breakdown, "HH:mm".</summary>
    public string? At { get; init; }

    /// <summary>Local start of a silent period, "HH:mm".</summary>
    public string? From { get; init; }

    /// <summary>Length of a silent period, minutes.</summary>
    public double? Minutes { get; init; }
}
