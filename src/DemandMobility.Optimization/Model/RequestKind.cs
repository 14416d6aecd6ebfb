namespace DemandMobility.Optimization.Model;

/// <summary>What a request carries; the dispatcher applies different rules to each.</summary>
public enum RequestKind
{
    /// <summary>A rider with a promised pickup window.</summary>
    Passenger,
    /// <summary>A parcel (KombiBUS); wide windows, may be delivered late at a penalty only if so configured.</summary>
    Parcel,
    /// <summary>A pupil on a school trip; must arrive before the bell.</summary>
    Pupil,
}
