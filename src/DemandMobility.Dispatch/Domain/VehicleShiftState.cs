namespace DemandMobility.Dispatch.Domain;

/// <summary>Whether a driver is working the vehicle right now.</summary>
public enum VehicleShiftState
{
    /// <summary>Not in service (plans for its shift window may still be made).</summary>
    OffShift,
    /// <summary>In service, reporting positions.</summary>
    OnShift,
}
