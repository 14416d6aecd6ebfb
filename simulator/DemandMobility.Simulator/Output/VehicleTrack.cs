using System.Collections.Immutable;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Output;

/// <summary>The road path one vehicle drove during the day (for the map), and its per-vehicle totals.</summary>
/// <param name="VehicleId">Vehicle id.</param>
/// <param name="Path">Driven road geometry in order (possibly thinned for the map).</param>
/// <param name="Stops">Where it stopped to pick up or drop off.</param>
/// <param name="Km">Kilometres driven.</param>
/// <param name="EmptyKm">Kilometres driven with nobody and nothing on board.</param>
/// <param name="PassengerKm">Sum over riders of kilometres ridden in this vehicle.</param>
/// <param name="ShiftHours">Hours on shift.</param>
public sealed record VehicleTrack(
    string VehicleId,
    ImmutableArray<GeoPoint> Path,
    ImmutableArray<GeoPoint> Stops,
    double Km,
    double EmptyKm,
    double PassengerKm,
    double ShiftHours);
