namespace DemandMobility.Dispatch.Domain;

/// <summary>Whether a driver is working the vehicle right now.</summary>
public enum VehicleShiftState
{
    /// <summary>Not in service (plans for its shift window may still be made).</summary>
    OffShift,
    /// <summary>In service, reporting positions.</summary>
    OnShift,
    /// <summary>
    /// Taken out of service (a breakdown): none of its duties receives work and its bookings were re-planned onto
    /// other duties; starting a shift puts it back into service.
    /// </summary>
    OutOfService,
}
