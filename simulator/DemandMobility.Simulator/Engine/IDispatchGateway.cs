using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// Every call the simulation makes to the dispatcher, in domain types, so that the same simulation logic runs
/// against the engine in-process (<see cref="InProcessGateway"/>) or against a server. Callers act as the rider
/// (subject = rider id), the shop, the vehicle's driver, or the planner (registrations, clock, re-optimisation).
/// </summary>
public interface IDispatchGateway : IAsyncDisposable
{
    /// <summary>"in-process" or "grpc".</summary>
    string Mode { get; }

    /// <summary>Moves the dispatcher's clock to the simulated time.</summary>
    Task SetClockAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds a vehicle (planner).</summary>
    Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(VehicleRegistration registration, CancellationToken cancellationToken);

    /// <summary>Puts a vehicle on shift (driver).</summary>
    Task<DispatchResult<FleetVehicle>> StartShiftAsync(string vehicleId, CancellationToken cancellationToken);

    /// <summary>Takes a vehicle off shift (driver).</summary>
    Task<DispatchResult<FleetVehicle>> EndShiftAsync(string vehicleId, CancellationToken cancellationToken);

    /// <summary>Asks for a trip (rider).</summary>
    Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(string riderId, QuoteRequest request, CancellationToken cancellationToken);

    /// <summary>Confirms an offer (rider).</summary>
    Task<DispatchResult<Booking>> ConfirmOfferAsync(string riderId, string offerId, CancellationToken cancellationToken);

    /// <summary>Cancels a booking (rider).</summary>
    Task<DispatchResult<Booking>> CancelBookingAsync(string riderId, string bookingId, CancellationToken cancellationToken);

    /// <summary>Submits a parcel (shop).</summary>
    Task<DispatchResult<Parcel>> SubmitParcelAsync(string shopId, ParcelRequest request, CancellationToken cancellationToken);

    /// <summary>The vehicle's next stops (driver).</summary>
    Task<DispatchResult<ManifestView>> GetManifestAsync(string vehicleId, CancellationToken cancellationToken);

    /// <summary>A GPS fix (driver).</summary>
    Task<DispatchResult<FleetVehicle>> ReportPositionAsync(string vehicleId, GeoPoint position, CancellationToken cancellationToken);

    /// <summary>
    /// GPS fixes of several vehicles at the current time, applied in the order given; returns how many were accepted.
    /// A remote gateway sends them in one call; the default reports them one after the other.
    /// </summary>
    async Task<int> ReportPositionsAsync(IReadOnlyList<(string VehicleId, GeoPoint Position)> fixes, CancellationToken cancellationToken)
    {
        int accepted = 0;
        foreach (var (id, position) in fixes)
            if ((await ReportPositionAsync(id, position, cancellationToken).ConfigureAwait(false)).IsSuccess) accepted++;
        return accepted;
    }

    /// <summary>A stop event (driver).</summary>
    Task<DispatchResult<StopEventResult>> ReportStopEventAsync(StopEvent stopEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a vehicle out of service now (a breakdown, as the driver or control room reports it): the dispatcher
    /// re-plans its bookings onto other duties and disrupts those it cannot keep. A gateway that cannot do it refuses.
    /// </summary>
    Task<DispatchResult<FleetVehicle>> TakeOutOfServiceAsync(string vehicleId, CancellationToken cancellationToken) =>
        Task.FromResult<DispatchResult<FleetVehicle>>(new DispatchError(DispatchErrorCode.FailedPrecondition,
            $"The {Mode} dispatcher cannot take a vehicle out of service."));

    /// <summary>The control room's alerts raised at or after <paramref name="since"/> (planner as dispatcher); empty where the gateway has none.</summary>
    Task<DispatchResult<IReadOnlyList<DispatchAlert>>> GetAlertsAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult(DispatchResult<IReadOnlyList<DispatchAlert>>.Ok([]));

    /// <summary>A supervision round of the dispatcher (late and missed pickups, duties nobody drives); a no-op where the host supervises itself.</summary>
    Task SuperviseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Hands trains' real-time status to the dispatcher (rail feeders); only the in-process engine takes it.</summary>
    Task<DispatchResult<IReadOnlyList<ConnectionOutcome>>> ApplyTrainStatusAsync(IReadOnlyList<TrainStatus> statuses, CancellationToken cancellationToken) =>
        Task.FromResult<DispatchResult<IReadOnlyList<ConnectionOutcome>>>(new DispatchError(DispatchErrorCode.FailedPrecondition,
            $"The {Mode} dispatcher takes no train real-time data from the simulator."));

    /// <summary>Ends a booking whose train connection was lost (see <c>DispatchEngine.ReplaceConnectionAsync</c>).</summary>
    Task<DispatchResult<Booking>> ReplaceConnectionAsync(string bookingId, string reason, CancellationToken cancellationToken) =>
        Task.FromResult<DispatchResult<Booking>>(new DispatchError(DispatchErrorCode.FailedPrecondition,
            $"The {Mode} dispatcher takes no train real-time data from the simulator."));

    /// <summary>
    /// The service area that plans a trip starting at <paramref name="point"/> (a cluster's area id); null where the
    /// dispatcher has one area. Requests of one area are kept in order when sent concurrently (<see cref="RequestConcurrency"/>).
    /// </summary>
    string? AreaOf(GeoPoint point) => null;

    /// <summary>Calls retried after a transient failure (a cluster's area moving to another silo); 0 where calls are not retried.</summary>
    int RetriedCalls => 0;

    /// <summary>One re-optimisation round limited by iterations (planner); true when a new plan was adopted.</summary>
    Task<bool> ReoptimiseAsync(CancellationToken cancellationToken);
}
