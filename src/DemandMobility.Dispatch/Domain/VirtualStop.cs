using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Domain;

/// <summary>
/// The drivable point where a vehicle meets the rider: the snapped coordinate, or a fixed stop.
/// </summary>
/// <param name="Point">Where the vehicle stops.</param>
/// <param name="WalkingMetres">Walking distance from the requested place.</param>
/// <param name="StopId">The fixed stop's id, when one was used.</param>
/// <param name="Name">What riders and drivers read (the fixed stop's name, or the street, address, bus stop or place
/// there, see <see cref="Engine.DispatchOptions.StopNames"/>); null when unnamed.</param>
public sealed record VirtualStop(GeoPoint Point, double WalkingMetres, string? StopId = null, string? Name = null);
