namespace DemandMobility.Simulator.Demand;

/// <summary>What a demand trip carries: a rider, a pupil on the school run, or a parcel (KombiBUS).</summary>
public enum TripKind
{
    /// <summary>An ordinary rider of the on-demand service.</summary>
    Passenger,

    /// <summary>A pupil travelling door to school; arrives before the bell.</summary>
    Pupil,

    /// <summary>A parcel from a shop or producer to a pickup station.</summary>
    Parcel,
}
