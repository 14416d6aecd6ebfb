namespace DemandMobility.Simulator.Engine;

/// <summary>What a simulated vehicle is doing.</summary>
internal enum VehicleMode
{
    /// <summary>Before its shift.</summary>
    OffShift,
    /// <summary>On shift, standing, nothing to do.</summary>
    Idle,
    /// <summary>Driving to the first stop of its manifest.</summary>
    Driving,
    /// <summary>At a stop, waiting for the promised window of riders to board.</summary>
    Waiting,
    /// <summary>At a stop, riders boarding or alighting.</summary>
    Serving,
    /// <summary>Shift over, driving back to the depot.</summary>
    Returning,
    /// <summary>Shift ended at the depot.</summary>
    Done,
}
