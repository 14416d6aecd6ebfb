namespace DemandMobility.Simulator.Engine;

/// <summary>What a scheduled simulation event does.</summary>
internal enum SimEventKind
{
    /// <summary>A vehicle's shift begins.</summary>
    ShiftStart,
    /// <summary>A trip's request time: quote (or parcel submission).</summary>
    TripRequest,
    /// <summary>A rider cancels a confirmed booking.</summary>
    Cancel,
    /// <summary>A vehicle reaches the stop it drives to.</summary>
    VehicleArrive,
    /// <summary>A vehicle starts boarding at a stop (after waiting for the promised window).</summary>
    VehicleBoard,
    /// <summary>
    /// A vehicle has finished serving one rider or parcel at a stop (or waited out a no-show): the driver reports it
    /// now, as a driver taps "boarded" once the rider is on board.
    /// </summary>
    ServiceDone,
    /// <summary>A vehicle has finished at a stop and looks at its manifest.</summary>
    VehicleDepart,
    /// <summary>A vehicle's shift has ended: it returns to the depot when its manifest is empty.</summary>
    ShiftEnd,
    /// <summary>Every driving vehicle reports its position.</summary>
    PositionTick,
    /// <summary>A re-optimisation round.</summary>
    Reoptimise,
    /// <summary>A fleet sample for the charts.</summary>
    FleetSample,
    /// <summary>A vehicle breaks down (scenario incident).</summary>
    Breakdown,
    /// <summary>A supervision round of the dispatcher (only when no re-optimisation rounds run).</summary>
    Supervise,
    /// <summary>A late train's delay becomes known (rail feeders).</summary>
    TrainDelay,
}
