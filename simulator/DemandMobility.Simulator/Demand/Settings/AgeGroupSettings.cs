namespace DemandMobility.Simulator.Demand;

/// <summary>An age group of pupils: its share of all pupils and its ride-time limit.</summary>
public sealed record AgeGroupSettings
{
    /// <summary>Name, e.g. "primary" or "secondary".</summary>
    public string Name { get; init; } = "";

    /// <summary>Relative share of the pupils (shares need not add up to 1; they are normalised).</summary>
    public double Share { get; init; } = 1;

    /// <summary>Maximum ride time in minutes for pupils of this group.</summary>
    public int MaxRideMinutes { get; init; } = 45;
}
