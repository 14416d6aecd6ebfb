using System.Collections.Immutable;

namespace DemandMobility.Optimization.Model;

/// <summary>
/// A complete, immutable optimisation input: fleet, requests, travel matrix, live state and weights.
/// Inside the solver everything is addressed by dense indices into these arrays.
/// </summary>
/// <param name="Vehicles">The fleet.</param>
/// <param name="Requests">All requests: unassigned, planned and on board.</param>
/// <param name="Matrix">Travel times and distances between all locations used.</param>
/// <param name="Weights">Objective weights.</param>
/// <param name="States">Live state of vehicles that are under way (at most one per vehicle); empty when planning ahead.</param>
public sealed record Problem(
    ImmutableArray<Vehicle> Vehicles,
    ImmutableArray<Request> Requests,
    ITravelMatrix Matrix,
    ObjectiveWeights Weights,
    ImmutableArray<VehicleState> States)
{
    /// <summary>A problem without live state.</summary>
    public Problem(ImmutableArray<Vehicle> vehicles, ImmutableArray<Request> requests, ITravelMatrix matrix, ObjectiveWeights weights)
        : this(vehicles, requests, matrix, weights, ImmutableArray<VehicleState>.Empty) { }
}
