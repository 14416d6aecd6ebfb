namespace DemandMobility.Simulator.Demand;

/// <summary>One entry of the parcel size distribution: a size in units and its relative share.</summary>
public sealed record ParcelSizeShare
{
    /// <summary>Parcel volume in units (≥ 1).</summary>
    public int Units { get; init; } = 1;

    /// <summary>Relative share (normalised over all entries).</summary>
    public double Share { get; init; } = 1;
}
