using System.Collections.Immutable;
using DemandMobility.Cluster.Areas;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Cluster.Tests;

/// <summary>
/// Three square service areas side by side, 10 km each, west to east: <c>west</c>, <c>middle</c>, <c>east</c>.
/// Trips from <c>middle</c> may end in <c>west</c>; every other area keeps its trips inside.
/// </summary>
internal static class TestRegion
{
    public static readonly GeoPoint Origin = new(50.0, 11.0);
    private const double KmPerDegreeLat = 111.195;
    private static readonly double KmPerDegreeLon = KmPerDegreeLat * Math.Cos(Origin.Latitude * Math.PI / 180);

    /// <summary>A point <paramref name="kmNorth"/> / <paramref name="kmEast"/> of <see cref="Origin"/>.</summary>
    public static GeoPoint P(double kmNorth, double kmEast) =>
        new(Origin.Latitude + kmNorth / KmPerDegreeLat, Origin.Longitude + kmEast / KmPerDegreeLon);

    public static PlaceRef At(double kmNorth, double kmEast) => new(P(kmNorth, kmEast));

    /// <summary>The centre of area number <paramref name="index"/> (0 = west).</summary>
    public static PlaceRef Centre(int index, double kmNorth = 5, double kmEastOffset = 0) => At(kmNorth, index * 10 + 5 + kmEastOffset);

    public static ImmutableArray<ServiceAreaDefinition> ServiceAreas { get; } =
    [
        Square("west", 0, []),
        Square("middle", 1, ["west"]),
        Square("east", 2, []),
    ];

    private static ServiceAreaDefinition Square(string id, int index, ImmutableArray<string> destinations) =>
        new(id, [P(0, index * 10), P(0, index * 10 + 10), P(10, index * 10 + 10), P(10, index * 10)], destinations);
}
