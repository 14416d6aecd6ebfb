namespace DemandMobility.Simulator.Demand;

/// <summary>A place given by the planner in the scenario (a shop, a pickup station).</summary>
public sealed record NamedPlace
{
    /// <summary>Display name (also used in trip ids' diagnostics).</summary>
    public string Name { get; init; } = "";

    /// <summary>Latitude in degrees.</summary>
    public double Lat { get; init; }

    /// <summary>Longitude in degrees.</summary>
    public double Lon { get; init; }
}
