using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Profiles;

/// <summary>What a profile decides for one way: access and speed in each direction (along / against the node order).</summary>
/// <param name="Forward">Drivable in the way's node order.</param>
/// <param name="Backward">Drivable against the way's node order.</param>
/// <param name="ForwardKmh">Expected speed in the node order (0 when not drivable).</param>
/// <param name="BackwardKmh">Expected speed against the node order (0 when not drivable).</param>
/// <param name="Class">Road class.</param>
public readonly record struct WayProfileResult(bool Forward, bool Backward, double ForwardKmh, double BackwardKmh, RoadClass Class)
{
    /// <summary>Not drivable in either direction.</summary>
    public static readonly WayProfileResult NotRoutable = new(false, false, 0, 0, RoadClass.Other);

    /// <summary>True when at least one direction is drivable.</summary>
    public bool IsRoutable => Forward || Backward;
}
