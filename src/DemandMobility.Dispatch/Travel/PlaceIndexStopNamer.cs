using DemandMobility.Dispatch.Geo;
using DemandMobility.Routing.Places;

namespace DemandMobility.Dispatch.Travel;

/// <summary>Names stops by reverse geocoding in a region's <see cref="PlaceIndex"/> (in memory, no I/O per call).</summary>
public sealed class PlaceIndexStopNamer(PlaceIndex index) : IStopNamer
{
    /// <inheritdoc />
    public string? NameOf(GeoPoint point) => index.Describe(point.Latitude, point.Longitude)?.Label;
}
