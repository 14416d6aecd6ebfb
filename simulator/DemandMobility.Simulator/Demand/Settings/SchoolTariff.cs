namespace DemandMobility.Simulator.Demand;

/// <summary>
/// What the school authority pays the operator for the school run. A route (one vehicle's duty) costs
/// <c>per_km × km + per_hour × hours + per_trip × pupils carried</c>; see <c>SchoolBilling</c> for how it is split per pupil.
/// </summary>
public sealed record SchoolTariff
{
    /// <summary>Euro per vehicle-kilometre.</summary>
    public double PerKm { get; init; } = 1.6;

    /// <summary>Euro per vehicle-hour on duty.</summary>
    public double PerHour { get; init; } = 32;

    /// <summary>Euro per pupil trip carried.</summary>
    public double PerTrip { get; init; }
}
