namespace DemandMobility.Optimization.Model;

/// <summary>
/// A load or capacity in the four dimensions a rural on-demand vehicle has. Fixed-size so that the
/// insertion hot path can add and compare loads without allocating.
/// </summary>
/// <param name="Seats">Ordinary seats (one per passenger or pupil).</param>
/// <param name="Wheelchairs">Wheelchair places.</param>
/// <param name="ParcelUnits">Parcel volume units (KombiBUS).</param>
/// <param name="Extra">A fourth, free dimension (e.g. luggage or bicycles).</param>
public readonly record struct LoadVector(int Seats, int Wheelchairs = 0, int ParcelUnits = 0, int Extra = 0)
{
    /// <summary>The empty load.</summary>
    public static LoadVector Zero => default;

    /// <summary>Component-wise sum.</summary>
    public static LoadVector operator +(LoadVector a, LoadVector b) =>
        new(a.Seats + b.Seats, a.Wheelchairs + b.Wheelchairs, a.ParcelUnits + b.ParcelUnits, a.Extra + b.Extra);

    /// <summary>Component-wise difference.</summary>
    public static LoadVector operator -(LoadVector a, LoadVector b) =>
        new(a.Seats - b.Seats, a.Wheelchairs - b.Wheelchairs, a.ParcelUnits - b.ParcelUnits, a.Extra - b.Extra);

    /// <summary>Component-wise maximum.</summary>
    public static LoadVector Max(LoadVector a, LoadVector b) =>
        new(Math.Max(a.Seats, b.Seats), Math.Max(a.Wheelchairs, b.Wheelchairs),
            Math.Max(a.ParcelUnits, b.ParcelUnits), Math.Max(a.Extra, b.Extra));

    /// <summary>True when every component is at most the capacity's.</summary>
    public bool FitsWithin(LoadVector capacity) =>
        Seats <= capacity.Seats && Wheelchairs <= capacity.Wheelchairs &&
        ParcelUnits <= capacity.ParcelUnits && Extra <= capacity.Extra;

    /// <summary>True when every component is zero or positive.</summary>
    public bool IsNonNegative => Seats >= 0 && Wheelchairs >= 0 && ParcelUnits >= 0 && Extra >= 0;
}
