namespace DemandMobility.Dispatch.Domain;

/// <summary>What a caller is allowed to do.</summary>
public enum CallerRole
{
    /// <summary>A passenger: sees and changes only their own bookings.</summary>
    Rider,
    /// <summary>A shop or producer: submits and sees only their own parcels.</summary>
    Shop,
    /// <summary>A driver: reports for the vehicle named by the subject and reads its manifest.</summary>
    Driver,
    /// <summary>The control room: sees and changes everything.</summary>
    Dispatcher,
}
