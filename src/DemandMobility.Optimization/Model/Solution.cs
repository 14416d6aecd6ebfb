using System.Collections.Immutable;

namespace DemandMobility.Optimization.Model;

/// <summary>A stop in a planned route with its schedule (seconds of the problem's clock).</summary>
/// <param name="Request">Request index, or -1 for a break.</param>
/// <param name="Kind">Pickup, delivery or break.</param>
/// <param name="Arrival">When the vehicle arrives at the stop's location.</param>
/// <param name="ServiceStart">When service starts (at or after arrival, inside the window).</param>
/// <param name="Departure">When service ends and the vehicle may leave.</param>
public readonly record struct ScheduledStop(int Request, StopKind Kind, double Arrival, double ServiceStart, double Departure);

/// <summary>One vehicle's planned route: leave the start at <see cref="StartTime"/>, visit the stops, reach the end at <see cref="EndTime"/>.</summary>
public sealed record RoutePlan(int Vehicle, double StartTime, ImmutableArray<ScheduledStop> Stops, double EndTime);

/// <summary>A finished, immutable solution with its objective value as computed by the solver.</summary>
/// <param name="Routes">One plan per used vehicle (vehicles without stops may be omitted).</param>
/// <param name="Unserved">Indices of requests left unserved.</param>
/// <param name="Cost">Objective value by <see cref="Problem.Weights"/>.</param>
public sealed record Solution(ImmutableArray<RoutePlan> Routes, ImmutableArray<int> Unserved, double Cost);
