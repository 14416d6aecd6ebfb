using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Profiles;

/// <summary>
/// What a profile decides for one way: access and speed in each direction (along / against the node order),
/// once for the parts outside built-up areas and once for the parts inside (StVO §3(3)); the extract stage
/// picks per segment from the <see cref="Extract.BuiltUpAreas"/> stage.
/// </summary>
/// <param name="Forward">Drivable in the way's node order.</param>
/// <param name="Backward">Drivable against the way's node order.</param>
/// <param name="ForwardKmh">Expected speed in the node order outside built-up areas (0 when not drivable).</param>
/// <param name="BackwardKmh">Expected speed against the node order outside built-up areas (0 when not drivable).</param>
/// <param name="Class">Road class.</param>
/// <param name="UrbanForwardKmh">Expected speed in the node order inside built-up areas (0 when not drivable).</param>
/// <param name="UrbanBackwardKmh">Expected speed against the node order inside built-up areas (0 when not drivable).</param>
public readonly record struct WayProfileResult(
    bool Forward, bool Backward, double ForwardKmh, double BackwardKmh, RoadClass Class, double UrbanForwardKmh, double UrbanBackwardKmh)
{
    /// <summary>Not drivable in either direction.</summary>
    public static readonly WayProfileResult NotRoutable = new(false, false, 0, 0, RoadClass.Other, 0, 0);

    /// <summary>True when at least one direction is drivable.</summary>
    public bool IsRoutable => Forward || Backward;
}
