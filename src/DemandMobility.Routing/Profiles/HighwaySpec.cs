using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing.Profiles;

/// <summary>How a profile treats one <c>highway=*</c> value.</summary>
/// <param name="Class">Road class stored on the edges.</param>
/// <param name="DefaultLegalKmh">Legal limit assumed when the way has no maxspeed (German defaults).</param>
/// <param name="RealismFactor">
/// Share of the legal limit a vehicle actually averages (junctions, curves, traffic), so that durations match
/// what car navigation predicts; see <see cref="VehicleProfiles"/> for the values chosen.
/// </param>
/// <param name="ClassCapKmh">Upper bound on the speed on this class whatever the sign says (narrow roads).</param>
/// <param name="ImpliedOneway">True when the class is one-way unless tagged otherwise (motorways, motorway links).</param>
/// <param name="NeedsExplicitAccess">True for ways drivable only if a vehicle access tag explicitly allows it (tracks, paths).</param>
public sealed record HighwaySpec(
    RoadClass Class,
    double DefaultLegalKmh,
    double RealismFactor,
    double ClassCapKmh = double.PositiveInfinity,
    bool ImpliedOneway = false,
    bool NeedsExplicitAccess = false);
