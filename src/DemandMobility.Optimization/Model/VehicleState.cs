using System.Collections.Immutable;

namespace DemandMobility.Optimization.Model;

/// <summary>
/// Live state of a vehicle that is already under way. Without a state, a vehicle starts empty at its
/// start location at the beginning of its shift.
/// </summary>
/// <param name="Vehicle">Index into <see cref="Problem.Vehicles"/>.</param>
/// <param name="OnBoard">
/// Requests already picked up by this vehicle: only their delivery remains to be planned, on this
/// vehicle, and their load is on board from the start. Each entry records when the pickup service ended
/// so that the ride-time limit still holds.
/// </param>
/// <param name="LockedStops">
/// The first stops of the route, in order, that may not be changed (e.g. the stop the vehicle is driving
/// to). The solver keeps them as the route's prefix.
/// </param>
public sealed record VehicleState(int Vehicle, ImmutableArray<OnBoardRequest> OnBoard, ImmutableArray<StopRef> LockedStops);

/// <summary>A request on board a vehicle, with the time its pickup service ended.</summary>
public readonly record struct OnBoardRequest(int Request, double PickupDepartureTime);

/// <summary>One end of a request: its pickup or its delivery.</summary>
public readonly record struct StopRef(int Request, StopKind Kind);

/// <summary>Whether a stop picks up or delivers a request.</summary>
public enum StopKind : byte
{
    /// <summary>The request's pickup.</summary>
    Pickup,
    /// <summary>The request's delivery.</summary>
    Delivery,
    /// <summary>The driver's break (Request is -1).</summary>
    Break,
}
