using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Profiles;

/// <summary>How a profile treats one <c>highway=*</c> value.</summary>
/// <param name="Class">Road class stored on the edges.</param>
/// <param name="SpeedKmh">
/// Expected speed on an untagged way of this class (no <c>maxspeed</c>), before the legal limits of the
/// settlement state and vehicle apply; see <see cref="VehicleProfiles"/> and <c>docs/routing.md</c> for the sources.
/// </param>
/// <param name="LimitFactor">Share of a legal limit a vehicle actually averages on this class (curves, junctions, traffic).</param>
/// <param name="ClassCapKmh">Upper bound on the speed on this class whatever the sign says (narrow roads).</param>
/// <param name="ImpliedOneway">True when the class is one-way unless tagged otherwise (motorways, motorway links).</param>
/// <param name="NeedsExplicitAccess">True for ways drivable only if a vehicle access tag explicitly allows it (tracks, paths).</param>
/// <param name="Motorway">True for motorways and their links: the motorway limit of the vehicle applies and the urban limit does not.</param>
public sealed record HighwaySpec(
    RoadClass Class,
    double SpeedKmh,
    double LimitFactor = 0.8,
    double ClassCapKmh = double.PositiveInfinity,
    bool ImpliedOneway = false,
    bool NeedsExplicitAccess = false,
    bool Motorway = false);
