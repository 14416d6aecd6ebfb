using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Cluster.Grains;

/// <summary>One GPS fix of a batch sent to an area (area-local vehicle id), already checked for well-formed fields.</summary>
/// <param name="VehicleId">The engine's (area-local) vehicle id.</param>
/// <param name="Position">Where the vehicle was.</param>
/// <param name="RecordedAt">When the device recorded it.</param>
/// <param name="HeadingDegrees">Heading 0…360, null when the device sent none.</param>
/// <param name="SpeedMetresPerSecond">Speed, not negative.</param>
[GenerateSerializer, Immutable, Alias("DemandMobility.Cluster.PositionReport")]
public sealed record PositionReport(
    [property: Id(0)] string VehicleId,
    [property: Id(1)] GeoPoint Position,
    [property: Id(2)] DateTimeOffset RecordedAt,
    [property: Id(3)] double? HeadingDegrees,
    [property: Id(4)] double SpeedMetresPerSecond);
