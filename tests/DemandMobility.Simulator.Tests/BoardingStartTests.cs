using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>Vehicles start boarding when the dispatcher's manifest says, not at a time the simulator derives itself.</summary>
public sealed class BoardingStartTests
{
    private static readonly TimeSpan Shift = TimeSpan.FromMinutes(3);

    /// <summary>
    /// Passes every call through, but plans every boarding <see cref="Shift"/> later than the dispatcher does (the
    /// windows stay as they are), and notes when each boarding started and the earliest boarding start it announced.
    /// </summary>
    private sealed class LaterBoarding(IDispatchGateway inner) : IDispatchGateway
    {
        private DateTimeOffset _now;
        private readonly Dictionary<string, DateTimeOffset> _lastArrived = new(StringComparer.Ordinal);
        public Dictionary<string, DateTimeOffset> Announced { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, DateTimeOffset> Started { get; } = new(StringComparer.Ordinal);
        public string Mode => inner.Mode;

        public Task SetClockAsync(DateTimeOffset now, CancellationToken ct)
        {
            _now = now;
            return inner.SetClockAsync(now, ct);
        }

        public async Task<DispatchResult<ManifestView>> GetManifestAsync(string v, CancellationToken ct)
        {
            var r = await inner.GetManifestAsync(v, ct);
            if (!r.IsSuccess) return r;
            var stops = r.Value!.Stops.Select(s => s.BoardingStart is { } b ? s with { BoardingStart = b + Shift } : s).ToArray();
            foreach (var s in stops)
                foreach (var e in s.Board)
                    if (s.BoardingStart is { } b && (!Announced.TryGetValue(e.SubjectId, out var seen) || b < seen)) Announced[e.SubjectId] = b;
            return r.Value with { Stops = [.. stops] };
        }

        public Task<DispatchResult<StopEventResult>> ReportStopEventAsync(StopEvent e, CancellationToken ct)
        {
            // The driver reports "arrived" for a rider when reaching the stop and again as the rider's boarding starts.
            if (e.Kind == StopEventKind.Arrived) _lastArrived[e.SubjectId] = _now;
            if (e.Kind is StopEventKind.Boarded or StopEventKind.NoShow && _lastArrived.TryGetValue(e.SubjectId, out var at)) Started[e.SubjectId] = at;
            return inner.ReportStopEventAsync(e, ct);
        }

        public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(VehicleRegistration r, CancellationToken ct) => inner.RegisterVehicleAsync(r, ct);
        public Task<DispatchResult<FleetVehicle>> StartShiftAsync(string v, CancellationToken ct) => inner.StartShiftAsync(v, ct);
        public Task<DispatchResult<FleetVehicle>> EndShiftAsync(string v, CancellationToken ct) => inner.EndShiftAsync(v, ct);
        public Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(string r, QuoteRequest q, CancellationToken ct) => inner.RequestQuoteAsync(r, q, ct);
        public Task<DispatchResult<Booking>> ConfirmOfferAsync(string r, string o, CancellationToken ct) => inner.ConfirmOfferAsync(r, o, ct);
        public Task<DispatchResult<Booking>> CancelBookingAsync(string r, string b, CancellationToken ct) => inner.CancelBookingAsync(r, b, ct);
        public Task<DispatchResult<Parcel>> SubmitParcelAsync(string s, ParcelRequest p, CancellationToken ct) => inner.SubmitParcelAsync(s, p, ct);
        public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(string v, GeoPoint p, CancellationToken ct) => inner.ReportPositionAsync(v, p, ct);
        public Task<bool> ReoptimiseAsync(CancellationToken ct) => inner.ReoptimiseAsync(ct);
        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    [Fact]
    public async Task Every_boarding_starts_no_earlier_than_the_manifest_announced()
    {
        var scenario = TestScenarios.Small(seed: 4);
        var demand = TestScenarios.Passengers(scenario, 20, 4, TestRoadNetwork.Travel);
        var start = scenario.DayStart;
        foreach (var v in scenario.Vehicles) if (v.ShiftStart < start) start = v.ShiftStart;
        await using var inner = await InProcessGateway.OpenAsync(scenario.Options, TestRoadNetwork.Travel, start, 4, 100);
        var gateway = new LaterBoarding(inner);

        await new SimulationRunner(scenario, demand, gateway, TestRoadNetwork.Travel).RunAsync();

        Assert.NotEmpty(gateway.Started);
        foreach (var (subject, started) in gateway.Started)
        {
            Assert.True(gateway.Announced.TryGetValue(subject, out var announced), $"{subject} boarded without being announced");
            Assert.True(started >= announced, $"{subject} started boarding at {started:O}, before the earliest announced start {announced:O}");
        }
    }
}
