namespace DemandMobility.Dispatch.Domain;

/// <summary>Who travels on a booking.</summary>
public enum RiderKind
{
    /// <summary>An ordinary rider of the on-demand service.</summary>
    Passenger,

    /// <summary>A pupil on demand-driven school transport (door to school, before the bell).</summary>
    Pupil,
}
