using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// One duty: a vehicle's service window as its own planner route, from its start point (the last fix while it runs,
/// else the depot or the window's relief point) back to its end point by the window's end. A vehicle's stored route is
/// the concatenation of its duties' stops in time order, so a duty is a contiguous slice of it.
/// </summary>
/// <param name="VehicleId">The vehicle driven on this duty.</param>
/// <param name="Start">Window start, engine seconds.</param>
/// <param name="End">Window end (latest return to <paramref name="EndPoint"/>), engine seconds.</param>
/// <param name="StartPoint">Where the duty starts when it is not running yet.</param>
/// <param name="EndPoint">Where the duty ends.</param>
/// <param name="Running">The vehicle is on shift on this duty now: it starts at the last fix.</param>
/// <param name="Usable">The duty can still be driven (running, or starts later, or within the start grace); false for
/// a duty that is over (shift ended, breakdown) or whose shift never started.</param>
/// <param name="First">Index of the duty's first stop in the vehicle's route.</param>
/// <param name="Count">Number of the duty's stops.</param>
internal readonly record struct Duty(
    string VehicleId, double Start, double End, GeoPoint StartPoint, GeoPoint EndPoint, bool Running, bool Usable, int First, int Count);
