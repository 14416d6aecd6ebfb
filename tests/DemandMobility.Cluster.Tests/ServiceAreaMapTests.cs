using System.Collections.Immutable;
using DemandMobility.Cluster.Areas;
using Xunit;
using static DemandMobility.Cluster.Tests.TestRegion;

namespace DemandMobility.Cluster.Tests;

public sealed class ServiceAreaMapTests
{
    private static readonly ServiceAreaMap Map = ServiceAreaMap.Create(ServiceAreas);

    [Theory]
    [InlineData(5, 5, "west")]
    [InlineData(5, 15, "middle")]
    [InlineData(9.9, 29.9, "east")]
    [InlineData(5, 10, "west")] // a shared border belongs to the first area listed
    public void A_point_belongs_to_the_area_containing_it(double kmNorth, double kmEast, string area) =>
        Assert.Equal(area, Map.AreaOf(P(kmNorth, kmEast))?.Id);

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(5, 31)]
    [InlineData(11, 15)]
    public void A_point_outside_every_area_has_none(double kmNorth, double kmEast) => Assert.Null(Map.AreaOf(P(kmNorth, kmEast)));

    [Fact]
    public void Destinations_are_the_own_area_and_the_configured_neighbours()
    {
        Assert.True(ServiceAreaMap.AllowsDestination(Map.Find("middle")!, "west"));
        Assert.True(ServiceAreaMap.AllowsDestination(Map.Find("middle")!, "middle"));
        Assert.False(ServiceAreaMap.AllowsDestination(Map.Find("middle")!, "east"));
        Assert.False(ServiceAreaMap.AllowsDestination(Map.Find("west")!, "middle"));
    }

    [Fact]
    public void Bad_configuration_is_refused_with_the_problem_named()
    {
        var square = ServiceAreas[0];
        Assert.Contains("used twice", Assert.Throws<ArgumentException>(() => ServiceAreaMap.Create([square, square])).Message);
        Assert.Contains("'North.1'", Assert.Throws<ArgumentException>(() => ServiceAreaMap.Create([square with { Id = "North.1" }])).Message);
        var bowtie = square with { Id = "bow", Boundary = [P(0, 0), P(10, 10), P(0, 10), P(10, 0)] };
        Assert.Contains("self-intersecting", Assert.Throws<ArgumentException>(() => ServiceAreaMap.Create([bowtie])).Message);
        var line = square with { Boundary = [P(0, 0), P(1, 1), P(0, 0)] };
        Assert.Contains("three distinct points", Assert.Throws<ArgumentException>(() => ServiceAreaMap.Create([line])).Message);
        var unknown = square with { DestinationAreas = ImmutableArray.Create("nowhere") };
        Assert.Contains("'nowhere' is not defined", Assert.Throws<ArgumentException>(() => ServiceAreaMap.Create([unknown])).Message);
    }
}
