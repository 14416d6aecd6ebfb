using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Views;

/// <summary>A planned stop in a <see cref="PastVehicleView"/>: whose, pickup or drop-off, where and when it was planned.</summary>
public sealed record PastStopView(string TaskId, bool Pickup, GeoPoint? Point, DateTimeOffset PlannedArrival);
