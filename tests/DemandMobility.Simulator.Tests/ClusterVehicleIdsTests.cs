using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Results;
using DemandMobility.Simulator.Engine;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using DomainPoint = DemandMobility.Dispatch.Geo.GeoPoint;

namespace DemandMobility.Simulator.Tests;

/// <summary>How the simulator names vehicles on a cluster: the area of the depot, scoped and mapped back.</summary>
public sealed class ClusterVehicleIdsTests
{
    // The shipped west/east split at 11.545° E.
    private static SimulationConfig TwoAreas()
    {
        var config = new SimulationConfig();
        config.Areas.Add(Area("west", (11.490, 49.977), (11.545, 49.977), (11.545, 50.043), (11.490, 50.040)));
        config.Areas.Add(Area("east", (11.545, 49.977), (11.600, 49.977), (11.600, 50.040), (11.545, 50.043)));
        return config;
    }

    [Fact]
    public void A_single_process_server_has_no_areas_and_ids_stay_as_they_are()
    {
        Assert.Null(ClusterVehicleIds.From(new SimulationConfig()));
    }

    [Fact]
    public void A_vehicle_goes_to_the_area_of_its_depot_and_comes_back_with_its_own_id()
    {
        var ids = ClusterVehicleIds.From(TwoAreas())!;
        Assert.Equal("east.early-1", ids.Assign("early-1", new DomainPoint(49.983, 11.585)).Value);
        Assert.Equal("west.late-2", ids.Assign("late-2", new DomainPoint(50.0115, 11.499)).Value);
        Assert.Equal("east.early-1", ids.Scoped("early-1"));
        Assert.Equal("early-1", ids.Local("east.early-1"));
        // Not registered here: left for the server to name.
        Assert.Equal("bus-9", ids.Scoped("bus-9"));
        Assert.Equal("north.bus-9", ids.Local("north.bus-9"));
    }

    [Fact]
    public void A_depot_outside_every_area_is_refused_naming_the_depot_and_the_areas()
    {
        var result = ClusterVehicleIds.From(TwoAreas())!.Assign("bus-1", new DomainPoint(50.2, 11.8));
        Assert.False(result.IsSuccess);
        Assert.Equal(DispatchErrorCode.InvalidArgument, result.Error!.Code);
        Assert.Equal("depot", result.Error.Field);
        Assert.Contains("west, east", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scoping_and_mapping_back_round_trip_for_any_vehicle_id()
    {
        var idGen = Gen.Elements("a", "bus", "x.y", "early-", "Ü-").SelectMany(p => Gen.Choose(0, 999).Select(n => p + n));
        Prop.ForAll(idGen.ToArbitrary(), id =>
        {
            var ids = ClusterVehicleIds.From(TwoAreas())!;
            string scoped = ids.Assign(id, new DomainPoint(50.0115, 11.499)).Value!;
            Assert.Equal("west." + id, scoped);
            Assert.Equal(id, ids.Local(scoped));
            Assert.Equal(scoped, ids.Scoped(id));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));
    }

    private static SimulationServiceArea Area(string id, params (double Lon, double Lat)[] corners)
    {
        var area = new SimulationServiceArea { Id = id };
        foreach (var (lon, lat) in corners) area.Boundary.Add(new GeoPoint { Lat = lat, Lon = lon });
        return area;
    }
}
