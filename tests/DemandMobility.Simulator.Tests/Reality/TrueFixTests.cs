using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Reality;
using DemandMobility.Simulator.Scenario;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests.Reality;

/// <summary>GPS fixes report where a bus truly is, even when the world is far slower than the plan.</summary>
public sealed class TrueFixTests
{
    /// <summary>Passes every call through and notes the position reports.</summary>
    private sealed class Recording(IDispatchGateway inner) : IDispatchGateway
    {
        public List<(string Vehicle, GeoPoint Point)> Fixes { get; } = [];
        public string Mode => inner.Mode;
        public Task SetClockAsync(DateTimeOffset now, CancellationToken ct) => inner.SetClockAsync(now, ct);
        public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(VehicleRegistration r, CancellationToken ct) => inner.RegisterVehicleAsync(r, ct);
        public Task<DispatchResult<FleetVehicle>> StartShiftAsync(string v, CancellationToken ct) => inner.StartShiftAsync(v, ct);
        public Task<DispatchResult<FleetVehicle>> EndShiftAsync(string v, CancellationToken ct) => inner.EndShiftAsync(v, ct);
        public Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(string r, QuoteRequest q, CancellationToken ct) => inner.RequestQuoteAsync(r, q, ct);
        public Task<DispatchResult<Booking>> ConfirmOfferAsync(string r, string o, CancellationToken ct) => inner.ConfirmOfferAsync(r, o, ct);
        public Task<DispatchResult<Booking>> CancelBookingAsync(string r, string b, CancellationToken ct) => inner.CancelBookingAsync(r, b, ct);
        public Task<DispatchResult<Parcel>> SubmitParcelAsync(string s, ParcelRequest p, CancellationToken ct) => inner.SubmitParcelAsync(s, p, ct);
        public Task<DispatchResult<ManifestView>> GetManifestAsync(string v, CancellationToken ct) => inner.GetManifestAsync(v, ct);
        public Task<DispatchResult<StopEventResult>> ReportStopEventAsync(StopEvent e, CancellationToken ct) => inner.ReportStopEventAsync(e, ct);
        public Task<bool> ReoptimiseAsync(CancellationToken ct) => inner.ReoptimiseAsync(ct);
        public ValueTask DisposeAsync() => inner.DisposeAsync();

        public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(string v, GeoPoint p, CancellationToken ct)
        {
            Fixes.Add((v, p));
            return inner.ReportPositionAsync(v, p, ct);
        }
    }

    [Fact]
    public async Task In_a_world_at_half_the_profile_speed_every_fix_lies_on_the_driven_path_and_pickups_run_late()
    {
        var half = RoadClassNames.All.ToDictionary(n => n, _ => 0.5).ToImmutableDictionary();
        var small = TestScenarios.Small(seed: 4);
        var scenario = ScenarioLoader.Resolve(small.Settings with { Reality = new RealitySettings { NoiseCv = 0, Dwell = null, SpeedFactorByRoadClass = half } },
            "test-slow", AppContext.BaseDirectory);
        var demand = TestScenarios.Passengers(scenario, 20, 4, TestRoadNetwork.Travel);
        var start = scenario.DayStart;
        foreach (var v in scenario.Vehicles) if (v.ShiftStart < start) start = v.ShiftStart;
        await using var inner = await InProcessGateway.OpenAsync(scenario.Options, TestRoadNetwork.Travel, start, 4, 100);
        var recording = new Recording(inner);
        var result = await new SimulationRunner(scenario, demand, recording, TestRoadNetwork.Travel).RunAsync();

        Assert.NotEmpty(recording.Fixes);
        var tracks = result.Vehicles.ToDictionary(v => v.VehicleId);
        foreach (var (vehicle, fix) in recording.Fixes)
        {
            var track = tracks[vehicle].Path;
            double nearest = double.PositiveInfinity;
            for (int i = 1; i < track.Length; i++) nearest = Math.Min(nearest, DistanceToSegment(fix, track[i - 1], track[i]));
            Assert.True(nearest < 3, $"{vehicle}: fix {fix} is {nearest:F1} m from its driven path");
        }
        // Driving at half speed, some promises made on profile times cannot be kept.
        Assert.True(result.Kpis["pickup_lateness_max_s"] > 0);
        Assert.True(result.Kpis["broken_promises_traffic"] > 0);
    }

    private static double DistanceToSegment(GeoPoint p, GeoPoint a, GeoPoint b)
    {
        double mLat = 111_320, mLon = 111_320 * Math.Cos(p.Latitude * Math.PI / 180);
        double ax = (a.Longitude - p.Longitude) * mLon, ay = (a.Latitude - p.Latitude) * mLat;
        double dx = (b.Longitude - a.Longitude) * mLon, dy = (b.Latitude - a.Latitude) * mLat;
        double len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? Math.Clamp(-(ax * dx + ay * dy) / len2, 0, 1) : 0;
        double x = ax + t * dx, y = ay + t * dy;
        return Math.Sqrt(x * x + y * y);
    }
}
