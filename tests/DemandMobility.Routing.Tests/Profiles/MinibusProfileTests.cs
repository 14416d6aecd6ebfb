using DemandMobility.Routing.Graph;
using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Profiles;
using Xunit;

namespace DemandMobility.Routing.Tests.Profiles;

public class MinibusProfileTests
{
    /// <summary>Tags as "k=v;k=v".</summary>
    private static OsmTags Parse(string tags) =>
        OsmTags.Of(tags.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split('=', 2)).Select(kv => (kv[0], kv[1])).ToArray());

    // Expected speeds are hand-computed: min(limit, 100 vehicle cap, class cap) x realism factor.
    [Theory]
    [InlineData("highway=motorway", true, false, 95, 0)]                        // none -> cap 100 x 0.95, implied oneway
    [InlineData("highway=motorway;maxspeed=120", true, false, 95, 0)]
    [InlineData("highway=motorway;maxspeed=80", true, false, 76, 0)]
    [InlineData("highway=motorway;oneway=no", true, true, 95, 95)]
    [InlineData("highway=motorway_link", true, false, 64, 0)]                   // 80 x 0.8
    [InlineData("highway=trunk", true, true, 90, 90)]
    [InlineData("highway=primary", true, true, 85, 85)]                         // DE:rural 100 x 0.85
    [InlineData("highway=primary;maxspeed=50", true, true, 42.5, 42.5)]
    [InlineData("highway=primary;maxspeed=DE:urban", true, true, 42.5, 42.5)]
    [InlineData("highway=primary;maxspeed:type=DE:urban", true, true, 42.5, 42.5)]
    [InlineData("highway=primary;source:maxspeed=DE:urban", true, true, 42.5, 42.5)]
    [InlineData("highway=primary;maxspeed=signals", true, true, 85, 85)]        // invalid value ignored
    [InlineData("highway=primary;maxspeed=70;maxspeed:backward=50", true, true, 59.5, 42.5)]
    [InlineData("highway=secondary;maxspeed=30 mph", true, true, 41.04, 41.04)]
    [InlineData("highway=tertiary", true, true, 64, 64)]                        // class cap 80 x 0.8
    [InlineData("highway=unclassified", true, true, 52.5, 52.5)]                // class cap 70 x 0.75
    [InlineData("highway=residential", true, true, 35, 35)]                     // DE:urban 50 x 0.7
    [InlineData("highway=residential;maxspeed=30", true, true, 21, 21)]
    [InlineData("highway=living_street", true, true, 7, 7)]
    [InlineData("highway=service", true, true, 20, 20)]
    [InlineData("highway=primary;oneway=yes", true, false, 85, 0)]
    [InlineData("highway=primary;oneway=true", true, false, 85, 0)]
    [InlineData("highway=primary;oneway=1", true, false, 85, 0)]
    [InlineData("highway=primary;oneway=-1", false, true, 0, 85)]
    [InlineData("highway=primary;oneway=reverse", false, true, 0, 85)]
    [InlineData("highway=primary;oneway=no", true, true, 85, 85)]
    [InlineData("highway=primary;junction=roundabout", true, false, 85, 0)]
    [InlineData("highway=primary;junction=circular", true, false, 85, 0)]
    [InlineData("highway=residential;oneway=yes;oneway:psv=no", true, true, 35, 35)]
    [InlineData("highway=residential;access=no;psv=yes", true, true, 35, 35)]
    [InlineData("highway=residential;motor_vehicle=private;psv=designated", true, true, 35, 35)]
    [InlineData("highway=residential;access=no;motor_vehicle=yes", true, true, 35, 35)]
    [InlineData("highway=residential;access=destination", true, true, 35, 35)]
    [InlineData("highway=track;motor_vehicle=yes", true, true, 18, 18)]        // class cap 30 x 0.6
    [InlineData("highway=track;psv=yes", true, true, 18, 18)]
    public void Drivable_ways(string tags, bool forward, bool backward, double forwardKmh, double backwardKmh)
    {
        var r = VehicleProfiles.Minibus.ProcessWay(Parse(tags));
        Assert.True(r.IsRoutable);
        Assert.Equal(forward, r.Forward);
        Assert.Equal(backward, r.Backward);
        Assert.Equal(forwardKmh, r.ForwardKmh, 2);
        Assert.Equal(backwardKmh, r.BackwardKmh, 2);
    }

    [Theory]
    [InlineData("highway=residential;access=no")]
    [InlineData("highway=residential;access=private")]
    [InlineData("highway=residential;motor_vehicle=agricultural")]
    [InlineData("highway=residential;vehicle=forestry")]
    [InlineData("highway=residential;motorcar=delivery")]
    [InlineData("highway=residential;access=yes;motor_vehicle=no")]
    [InlineData("highway=residential;psv=no")]
    [InlineData("highway=residential;area=yes")]
    [InlineData("highway=service;service=emergency_access")]
    [InlineData("highway=primary;impassable=yes")]
    [InlineData("highway=primary;oneway=reversible")]
    [InlineData("highway=track")]
    [InlineData("highway=track;access=yes")]
    [InlineData("highway=track;motor_vehicle=agricultural")]
    [InlineData("highway=path")]
    [InlineData("highway=footway")]
    [InlineData("highway=cycleway")]
    [InlineData("highway=steps")]
    [InlineData("highway=steps;motor_vehicle=yes")]
    [InlineData("highway=pedestrian")]
    [InlineData("highway=bridleway")]
    [InlineData("highway=construction")]
    [InlineData("highway=proposed")]
    [InlineData("highway=platform")]
    [InlineData("highway=busway;bus=designated")]
    [InlineData("route=ferry;motor_vehicle=yes")]
    [InlineData("building=yes")]
    public void Not_drivable_ways(string tags) => Assert.False(VehicleProfiles.Minibus.ProcessWay(Parse(tags)).IsRoutable);

    [Theory]
    [InlineData("highway=primary", RoadClass.Primary)]
    [InlineData("highway=primary_link", RoadClass.Primary)]
    [InlineData("highway=motorway_link", RoadClass.Motorway)]
    [InlineData("highway=unclassified", RoadClass.Unclassified)]
    [InlineData("highway=living_street", RoadClass.LivingStreet)]
    [InlineData("highway=track;motor_vehicle=yes", RoadClass.Other)]
    public void Road_class(string tags, RoadClass expected) =>
        Assert.Equal(expected, VehicleProfiles.Minibus.ProcessWay(Parse(tags)).Class);

    [Theory]
    [InlineData("highway=busway;bus=designated", true)]
    [InlineData("highway=residential;access=no;bus=yes", true)]
    [InlineData("highway=residential;motorcar=no", true)]          // bus ignores motorcar tags
    [InlineData("highway=residential;oneway=yes;oneway:bus=no", true)]
    [InlineData("highway=residential;access=no", false)]
    public void Bus_profile_uses_bus_and_psv_tags(string tags, bool routable)
    {
        var r = VehicleProfiles.Bus.ProcessWay(Parse(tags));
        Assert.Equal(routable, r.IsRoutable);
        if (tags.Contains("oneway:bus"))
            Assert.True(r.Forward && r.Backward);
    }

    [Fact]
    public void Minibus_does_not_use_bus_only_permissions()
    {
        Assert.False(VehicleProfiles.Minibus.ProcessWay(Parse("highway=residential;access=no;bus=yes")).IsRoutable);
        Assert.False(VehicleProfiles.Minibus.ProcessWay(Parse("highway=residential;motorcar=no")).IsRoutable);
    }

    [Fact]
    public void Profile_variant_is_a_small_table_change()
    {
        var slow = VehicleProfiles.Minibus with { Name = "slow", MaxSpeedKmh = 60 };
        var r = slow.ProcessWay(Parse("highway=primary"));
        Assert.Equal(60 * 0.85, r.ForwardKmh, 6);
        Assert.Equal(85, VehicleProfiles.Minibus.ProcessWay(Parse("highway=primary")).ForwardKmh, 6);
    }
}
