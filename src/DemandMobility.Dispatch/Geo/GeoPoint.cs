namespace DemandMobility.Dispatch.Geo;

/// <summary>A WGS84 coordinate in degrees.</summary>
/// <param name="Latitude">Latitude, −90…90.</param>
/// <param name="Longitude">Longitude, −180…180.</param>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    /// <summary>True when both components are finite and inside their ranges.</summary>
    public bool IsValid =>
        double.IsFinite(Latitude) && double.IsFinite(Longitude) &&
        Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"({Latitude:F6}, {Longitude:F6})");
}
