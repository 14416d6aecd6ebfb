using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// GPS fixes the road network cannot place. The forecast drives from the last fix, so a fix without travel times
/// used to put non-finite times into the plan, and the fleet and plan views then failed on every read (the
/// dashboard found it with a fix in a forest north of Bayreuth).
/// </summary>
public sealed class OffNetworkFixTests
{
    private static readonly CallerIdentity Driver = CallerIdentity.Driver("bus-1");

    [Fact]
    public async Task A_fix_with_no_road_nearby_is_refused_and_changes_nothing()
    {
        var h = await CreateAsync(travel: new IslandTravel());
        await h.AddVehicleAsync("bus-1", depot: P(0, 0));
        var booking = await h.BookAsync("anna", Trip(At(0, 3), At(0, 6), Start));
        h.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True((await h.Engine.ReportPositionAsync(Driver, "bus-1", P(0, 1))).IsSuccess);
        var before = await h.Engine.GetPlanAsync();
        var fleetBefore = await h.Engine.GetFleetAsync(Control);

        h.Clock.Advance(TimeSpan.FromSeconds(30));
        var refused = await h.Engine.ReportPositionAsync(Driver, "bus-1", IslandTravel.Forest);

        Assert.False(refused.IsSuccess);
        Assert.Equal(DispatchErrorCode.InvalidArgument, refused.Error.Code);
        Assert.Equal("position", refused.Error.Field);
        var after = await h.Engine.GetPlanAsync();
        Assert.Equal(before["bus-1"].Select(Ticks), after["bus-1"].Select(Ticks));
        var vehicle = Assert.Single((await h.Engine.GetFleetAsync(Control)).Value!.Vehicles);
        Assert.Equal(fleetBefore.Value!.Vehicles[0].Position, vehicle.Position);
        Assert.Equal(fleetBefore.Value!.Vehicles[0].FixAt, vehicle.FixAt);
        Assert.Contains(after["bus-1"], s => s.SubjectId == booking.Id);
    }

    private static string Ticks(PlanStopInfo s) => $"{s.SubjectId} {s.Kind} {s.Arrival.UtcTicks} {s.ServiceStart.UtcTicks} {s.Departure.UtcTicks}";

    [Fact]
    public async Task A_fix_on_a_road_cut_off_from_the_stops_keeps_the_forecast_finite()
    {
        var h = await CreateAsync(travel: new IslandTravel());
        await h.AddVehicleAsync("bus-1", depot: P(0, 0));
        var booking = await h.BookAsync("anna", Trip(At(0, 3), At(0, 6), Start));
        h.Clock.Advance(TimeSpan.FromSeconds(60));

        Assert.True((await h.Engine.ReportPositionAsync(Driver, "bus-1", IslandTravel.Island)).IsSuccess);

        var plan = await h.Engine.GetPlanAsync();
        var pickup = Assert.Single(plan["bus-1"], s => s.SubjectId == booking.Id && s.Kind == StopKind.Pickup);
        // 2 km north and 3 km east of the island at 30 km/h is at least 7 minutes from the fix.
        Assert.True(pickup.Arrival >= h.Clock.GetUtcNow().AddMinutes(7), $"arrival {pickup.Arrival:O}");
        var fleet = await h.Engine.GetFleetAsync(Control);
        Assert.True(fleet.IsSuccess);
        Assert.All(fleet.Value!.Vehicles[0].NextStops, s => Assert.True(s.PlannedArrival > Start));
    }

    /// <summary>
    /// Straight-line travel at 40 km/h, except for a forest (no road within snapping reach) and a road island (it
    /// snaps, but no route leads between it and anywhere else).
    /// </summary>
    private sealed class IslandTravel : ITravelTimeService
    {
        public static readonly GeoPoint Forest = P(-4, 0);
        public static readonly GeoPoint Island = P(2, 0);
        private readonly StraightLineTravelTimeService _roads = new(40);

        public double MaxSpeedMetresPerSecond => _roads.MaxSpeedMetresPerSecond;

        public SnapResult Snap(GeoPoint point) => Near(point, Forest) ? SnapResult.NoRoad : _roads.Snap(point);

        public TravelTable Table(IReadOnlyList<GeoPoint> sources, IReadOnlyList<GeoPoint> targets)
        {
            var table = _roads.Table(sources, targets);
            for (int i = 0; i < sources.Count; i++)
                for (int j = 0; j < targets.Count; j++)
                    if (Cut(sources[i], targets[j]))
                    {
                        table.DurationsSeconds[i * targets.Count + j] = double.PositiveInfinity;
                        table.DistancesMetres[i * targets.Count + j] = double.PositiveInfinity;
                    }
            return table;
        }

        public RouteGeometry Route(IReadOnlyList<GeoPoint> waypoints) => _roads.Route(waypoints);

        private static bool Cut(GeoPoint a, GeoPoint b) =>
            Near(a, Forest) || Near(b, Forest) || Near(a, Island) != Near(b, Island);

        private static bool Near(GeoPoint p, GeoPoint centre) => GeoMath.HaversineMetres(p, centre) < 300;
    }
}
