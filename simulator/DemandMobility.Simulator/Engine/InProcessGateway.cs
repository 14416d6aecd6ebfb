using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Search;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// The dispatch engine in the simulator's own process, on an in-memory store, driven by a <see cref="SimulatedClock"/>,
/// with a seeded random source and an iteration-limited re-optimiser (never wall time), so a seed gives one result.
/// </summary>
public sealed class InProcessGateway : IDispatchGateway
{
    private static readonly CallerIdentity Planner = CallerIdentity.Dispatcher("simulator");
    private readonly DispatchEngine _engine;
    private readonly SimulatedClock _clock;

    private InProcessGateway(DispatchEngine engine, SimulatedClock clock)
    {
        _engine = engine;
        _clock = clock;
    }

    /// <summary>The engine, for inspection in tests.</summary>
    public DispatchEngine Engine => _engine;

    /// <inheritdoc />
    public string Mode => "in-process";

    /// <summary>Opens an engine starting at <paramref name="start"/>.</summary>
    /// <param name="options">Dispatcher rules.</param>
    /// <param name="travel">Road network (shared with the simulated vehicles, so both see the same travel times).</param>
    /// <param name="start">Simulated start time.</param>
    /// <param name="seed">Seed of the engine's ids and of the solver.</param>
    /// <param name="reoptimisationIterations">Solver iterations per re-optimisation round.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static async Task<InProcessGateway> OpenAsync(
        DispatchOptions options, ITravelTimeService travel, DateTimeOffset start, int seed, int reoptimisationIterations,
        CancellationToken cancellationToken = default)
    {
        var clock = new SimulatedClock(start);
        // A time limit far beyond any round: the iteration count alone ends the search, so runs are reproducible.
        var solver = new SolverOptions(TimeSpan.FromHours(1), reoptimisationIterations, seed);
        var engine = await DispatchEngine.OpenAsync(options, travel, new InMemoryDispatchStore(), clock, new Random(seed),
            solverOptions: solver, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new InProcessGateway(engine, clock);
    }

    /// <inheritdoc />
    public Task SetClockAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _clock.Set(now);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(VehicleRegistration registration, CancellationToken cancellationToken) =>
        _engine.RegisterVehicleAsync(Planner, registration, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<FleetVehicle>> StartShiftAsync(string vehicleId, CancellationToken cancellationToken) =>
        _engine.StartShiftAsync(CallerIdentity.Driver(vehicleId), vehicleId, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<FleetVehicle>> EndShiftAsync(string vehicleId, CancellationToken cancellationToken) =>
        _engine.EndShiftAsync(CallerIdentity.Driver(vehicleId), vehicleId, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(string riderId, QuoteRequest request, CancellationToken cancellationToken) =>
        _engine.RequestQuoteAsync(CallerIdentity.Rider(riderId), request, null, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<Booking>> ConfirmOfferAsync(string riderId, string offerId, CancellationToken cancellationToken) =>
        _engine.ConfirmOfferAsync(CallerIdentity.Rider(riderId), offerId, null, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<Booking>> CancelBookingAsync(string riderId, string bookingId, CancellationToken cancellationToken) =>
        _engine.CancelBookingAsync(CallerIdentity.Rider(riderId), bookingId, null, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<Parcel>> SubmitParcelAsync(string shopId, ParcelRequest request, CancellationToken cancellationToken) =>
        _engine.SubmitParcelAsync(CallerIdentity.Shop(shopId), request, null, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<ManifestView>> GetManifestAsync(string vehicleId, CancellationToken cancellationToken) =>
        _engine.GetManifestAsync(CallerIdentity.Driver(vehicleId), vehicleId, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<FleetVehicle>> ReportPositionAsync(string vehicleId, GeoPoint position, CancellationToken cancellationToken) =>
        _engine.ReportPositionAsync(CallerIdentity.Driver(vehicleId), vehicleId, position, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<StopEventResult>> ReportStopEventAsync(StopEvent stopEvent, CancellationToken cancellationToken) =>
        _engine.ReportStopEventAsync(CallerIdentity.Driver(stopEvent.VehicleId), stopEvent, null, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<FleetVehicle>> TakeOutOfServiceAsync(string vehicleId, CancellationToken cancellationToken) =>
        _engine.TakeOutOfServiceAsync(CallerIdentity.Driver(vehicleId), vehicleId, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<IReadOnlyList<DispatchAlert>>> GetAlertsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        _engine.GetAlertsAsync(Planner, since, cancellationToken);

    /// <inheritdoc />
    public Task SuperviseAsync(CancellationToken cancellationToken) => _engine.SuperviseAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<bool> ReoptimiseAsync(CancellationToken cancellationToken) =>
        (await _engine.ReoptimiseAsync(cancellationToken).ConfigureAwait(false)).Status == ReoptimisationStatus.Adopted;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public Task<DispatchResult<IReadOnlyList<ConnectionOutcome>>> ApplyTrainStatusAsync(IReadOnlyList<TrainStatus> statuses, CancellationToken cancellationToken) =>
        _engine.ApplyTrainStatusAsync(Planner, statuses, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<Booking>> ReplaceConnectionAsync(string bookingId, string reason, CancellationToken cancellationToken) =>
        _engine.ReplaceConnectionAsync(Planner, bookingId, reason, null, cancellationToken);
}
