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

    // Expected speeds are hand-computed (outside built-up areas): tagged min(limit, 120 vehicle cap) x limit factor
    // (0.8, trunk 0.85, motorway 0.9); untagged min(class speed, rural limit 100 x limit factor).
    [Theory]
    [InlineData("highway=motorway", true, false, 100, 0)]                       // class speed 100 (no limit), implied oneway
    [InlineData("highway=motorway;maxspeed=120", true, false, 108, 0)]          // 120 x 0.9
    [InlineData("highway=motorway;maxspeed=80", true, false, 72, 0)]
    [InlineData("highway=motorway;oneway=no", true, true, 100, 100)]
    [InlineData("highway=motorway_link", true, false, 45, 0)]                   // class speed
    [InlineData("highway=trunk", true, true, 85, 85)]                           // min(85, 100 x 0.85)
    [InlineData("highway=primary", true, true, 66, 66)]                         // min(class 66, DE:rural 100 x 0.8)
    [InlineData("highway=primary;maxspeed=50", true, true, 40, 40)]
    [InlineData("highway=primary;maxspeed=DE:urban", true, true, 40, 40)]
    [InlineData("highway=primary;maxspeed:type=DE:urban", true, true, 40, 40)]
    [InlineData("highway=primary;source:maxspeed=DE:urban", true, true, 40, 40)]
    [InlineData("highway=primary;maxspeed=signals", true, true, 66, 66)]        // invalid value ignored
    [InlineData("highway=primary;maxspeed=70;maxspeed:backward=50", true, true, 56, 40)]
    [InlineData("highway=secondary;maxspeed=30 mph", true, true, 38.62, 38.62)] // 48.28 km/h x 0.8
    [InlineData("highway=tertiary", true, true, 42, 42)]                        // class speed
    [InlineData("highway=unclassified", true, true, 27, 27)]
    [InlineData("highway=residential", true, true, 25, 25)]
    [InlineData("highway=residential;maxspeed=30", true, true, 24, 24)]
    [InlineData("highway=living_street", true, true, 10, 10)]
    [InlineData("highway=service", true, true, 16, 16)]
    [InlineData("highway=primary;oneway=yes", true, false, 66, 0)]
    [InlineData("highway=primary;oneway=true", true, false, 66, 0)]
    [InlineData("highway=primary;oneway=1", true, false, 66, 0)]
    [InlineData("highway=primary;oneway=-1", false, true, 0, 66)]
    [InlineData("highway=primary;oneway=reverse", false, true, 0, 66)]
    [InlineData("highway=primary;oneway=no", true, true, 66, 66)]
    [InlineData("highway=primary;junction=roundabout", true, false, 66, 0)]
    [InlineData("highway=primary;junction=circular", true, false, 66, 0)]
    [InlineData("highway=residential;oneway=yes;oneway:psv=no", true, true, 25, 25)]
    [InlineData("highway=residential;access=no;psv=yes", true, true, 25, 25)]
    [InlineData("highway=residential;motor_vehicle=private;psv=designated", true, true, 25, 25)]
    [InlineData("highway=residential;access=no;motor_vehicle=yes", true, true, 25, 25)]
    [InlineData("highway=residential;access=destination", true, true, 25, 25)]
    [InlineData("highway=track;motor_vehicle=yes", true, true, 15, 15)]        // class speed
    [InlineData("highway=track;psv=yes", true, true, 15, 15)]
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
        Assert.Equal(60 * 0.8, r.ForwardKmh, 6);
        Assert.Equal(66, VehicleProfiles.Minibus.ProcessWay(Parse("highway=primary")).ForwardKmh, 6);
    }

    // Speed table rows per vehicle class and settlement state (docs/routing.md), hand-computed:
    // van: rural limit 100, no motorway limit; bus: 80 outside built-up areas and on motorways; both 50 inside.
    [Theory]
    [InlineData("van", "highway=primary", 66, 40)]                         // min(66, 100 x 0.8) / min(66, 50 x 0.8)
    [InlineData("bus", "highway=primary", 64, 40)]                         // min(66, 80 x 0.8)
    [InlineData("van", "highway=secondary", 56, 40)]
    [InlineData("bus", "highway=secondary", 56, 40)]
    [InlineData("van", "highway=tertiary", 42, 40)]
    [InlineData("van", "highway=unclassified", 27, 27)]
    [InlineData("van", "highway=residential", 25, 25)]
    [InlineData("van", "highway=trunk", 85, 42.5)]                         // limit factor 0.85 on trunks
    [InlineData("bus", "highway=trunk", 68, 42.5)]
    [InlineData("van", "highway=motorway", 100, 100)]                      // the urban limit does not apply to motorways
    [InlineData("bus", "highway=motorway", 72, 72)]                        // 80 x 0.9
    [InlineData("van", "highway=primary;maxspeed=100", 80, 80)]            // a tagged limit holds inside and outside
    [InlineData("bus", "highway=primary;maxspeed=100", 64, 64)]            // a bus may not exceed 80 whatever the sign
    [InlineData("van", "highway=primary;maxspeed=70", 56, 56)]
    [InlineData("bus", "highway=primary;maxspeed=70", 56, 56)]
    [InlineData("van", "highway=motorway;maxspeed=none", 100, 100)]        // "none": class speed and vehicle limits
    public void Speed_per_vehicle_class_and_settlement_state(string vehicle, string tags, double ruralKmh, double urbanKmh)
    {
        var profile = vehicle == "bus" ? VehicleProfiles.Bus : VehicleProfiles.Van;
        var r = profile.ProcessWay(Parse(tags));
        Assert.Equal(ruralKmh, r.ForwardKmh, 6);
        Assert.Equal(urbanKmh, r.UrbanForwardKmh, 6);
    }
}
