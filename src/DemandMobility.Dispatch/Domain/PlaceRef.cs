using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Dispatch.Domain;

/// <summary>Where a trip starts or ends: a coordinate, or the id of a fixed stop. Exactly one is set.</summary>
/// <param name="Coordinate">A free coordinate (snapped to a virtual stop).</param>
/// <param name="StopId">The id of a fixed stop from <c>DispatchOptions.FixedStops</c>.</param>
public sealed record PlaceRef(GeoPoint? Coordinate = null, string? StopId = null)
{
    /// <summary>A coordinate place.</summary>
    public static PlaceRef At(double latitude, double longitude) => new(new GeoPoint(latitude, longitude));

    /// <summary>A fixed-stop place.</summary>
    public static PlaceRef Stop(string stopId) => new(null, stopId);
}
