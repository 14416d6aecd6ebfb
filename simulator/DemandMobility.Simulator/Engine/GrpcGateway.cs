using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using Grpc.Core;
using Grpc.Net.Client;
using Proto = DemandMobility.Contracts.V1;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// The dispatcher of a server started with <c>--Simulation:Enabled=true</c>, over gRPC. Every call goes through the
/// public booking, parcel and fleet RPCs with one dispatcher token (a dispatcher may act for riders, shops and
/// drivers); the clock, re-optimisation rounds and the full manifest go through <c>SimulationControl</c>.
/// Engine errors come back as <see cref="DispatchResult{T}"/> failures as in-process; transport and authentication
/// failures throw <see cref="GrpcGatewayException"/>, because the run cannot go on without its dispatcher.
/// </summary>
public sealed class GrpcGateway : IDispatchGateway
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(60);
    private readonly GrpcChannel _channel;
    private readonly Metadata _headers;
    private readonly Proto.BookingService.BookingServiceClient _booking;
    private readonly Proto.ParcelService.ParcelServiceClient _parcels;
    private readonly Proto.FleetService.FleetServiceClient _fleet;
    private readonly Proto.SimulationControl.SimulationControlClient _control;
    // Transient failures (UNAVAILABLE: a cluster's area moving after its silo died) are retried this long.
    private static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(30);
    // Concurrent: the simulator may have several requests in flight (RequestConcurrency).
    private readonly ConcurrentDictionary<string, (QuoteRequest Request, Offer Offer)> _offers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (QuoteRequest Request, Offer Offer)> _bookings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _parcelIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FleetVehicle> _vehicles = new(StringComparer.Ordinal);
    private long _keys;
    private int _retried;
    // Off while connecting, so an unreachable server is reported at once.
    private bool _retryUnavailable;
    // The simulator's time (set between batches of calls, never while calls are in flight) and the server's clock as
    // last sent: the clock is sent only before the next call that needs it (see SetClockAsync).
    private DateTimeOffset _now;
    private DateTimeOffset _serverNow;
    private readonly SemaphoreSlim _clockGate = new(1, 1);
    // The clocks a stop event moved to the simulator's time (its occurred_at, see ReportStopEventAsync): a vehicle's
    // area on a cluster, the server's one clock ("") on a single process. A call about that vehicle at that time needs
    // no SetClock. Forgotten when a call is retried: an area re-activated on another silo starts at the cluster clock.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _movedByEvent = new(StringComparer.Ordinal);
    // Set when the server is a cluster: vehicle ids there are area-scoped.
    private ClusterVehicleIds? _cluster;

    private GrpcGateway(GrpcChannel channel, string token, DateTimeOffset now)
    {
        _channel = channel;
        _headers = new Metadata { { "authorization", "Bearer " + token } };
        _booking = new Proto.BookingService.BookingServiceClient(channel);
        _parcels = new Proto.ParcelService.ParcelServiceClient(channel);
        _fleet = new Proto.FleetService.FleetServiceClient(channel);
        _control = new Proto.SimulationControl.SimulationControlClient(channel);
        _now = now;
        // Unknown until the first move is sent: the run's first call sends the start time.
        _serverNow = DateTimeOffset.MinValue;
    }

    /// <inheritdoc />
    public string Mode => "grpc";

    /// <inheritdoc />
    public int RetriedCalls => Volatile.Read(ref _retried);

    /// <summary>Calls made so far, per RPC (count and summed wall time).</summary>
    public GatewayCallStats Calls { get; } = new();

    /// <inheritdoc />
    public string? AreaOf(GeoPoint point) => _cluster?.AreaOf(point);

    /// <summary>Things the caller should tell the user (e.g. the server runs other engine code), found when connecting.</summary>
    public IReadOnlyList<string> Warnings { get; private set; } = [];

    /// <summary>
    /// Connects to <paramref name="server"/> and checks that it is in simulation mode with the settings the in-process
    /// run would use (seed, iterations, dispatcher rules, service area, fixed stops) and a clock not past
    /// <paramref name="start"/>.
    /// </summary>
    /// <exception cref="GrpcGatewayException">Unreachable, token refused, not in simulation mode, or different settings.</exception>
    public static async Task<GrpcGateway> ConnectAsync(Uri server, string token, DispatchOptions options, int seed, int iterations,
        DateTimeOffset start, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(token)) throw new GrpcGatewayException("--server needs a dispatcher token (--token or --token-file).");
        var channel = GrpcChannel.ForAddress(server);
        var gateway = new GrpcGateway(channel, token.Trim(), start);
        try
        {
            var config = await gateway.CallAsync("GetConfig", o => gateway._control.GetConfigAsync(new Proto.GetSimulationConfigRequest(), o), cancellationToken).ConfigureAwait(false);
            gateway._cluster = ClusterVehicleIds.From(config);
            var problems = GrpcConfigCheck.Differences(config, options, seed, iterations);
            if (problems.Count > 0)
                throw new GrpcGatewayException($"The server at {server} was started with other settings than the scenario: {string.Join("; ", problems)}.");
            if (config.Now?.ToDateTimeOffset() is { } serverNow && serverNow > start)
                throw new GrpcGatewayException(
                    $"The server's simulated clock is at {serverNow:O}, after the scenario's start {start:O}: start a fresh server (new data directory) for every run.");
            string localBuild = typeof(DispatchEngine).Assembly.ManifestModule.ModuleVersionId.ToString("N") + "/"
                                + typeof(Optimization.Search.Solver).Assembly.ManifestModule.ModuleVersionId.ToString("N");
            if (config.EngineBuild != localBuild)
                gateway.Warnings = [$"The server runs another build of the dispatch engine ({config.EngineBuild}) than this simulator ({localBuild}); " +
                                    "KPIs may differ from an in-process run. Build both from the same source."];
            gateway._retryUnavailable = true;
            return gateway;
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Moves the simulated time. The server's clock follows before the next call (one <c>SetClock</c> for however many
    /// calls at this time, none for a time at which the simulator calls nothing): the engine reads its clock only while
    /// it answers a call, so it sees the same times as when every move was sent at once, and a day's events that call
    /// nothing (a stale arrival, a fleet sample) cost no round trip.
    /// </summary>
    public Task SetClockAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        _now = now;
        return Task.CompletedTask;
    }

    /// <summary>The clock a call about <paramref name="vehicleId"/> reads: its area's on a cluster (null when not registered here), else the server's.</summary>
    private string? ClockOf(string vehicleId) => _cluster is null ? "" : _cluster.AreaOfVehicle(vehicleId);

    /// <summary>
    /// As <see cref="SyncClockAsync(CancellationToken)"/> for a call that reads only <paramref name="vehicleId"/>'s clock:
    /// nothing to send when a stop event already moved that clock to the simulator's time.
    /// </summary>
    private Task SyncClockAsync(string vehicleId, CancellationToken cancellationToken) =>
        ClockOf(vehicleId) is { } clock && _movedByEvent.TryGetValue(clock, out var moved) && moved == _now ? Task.CompletedTask : SyncClockAsync(cancellationToken);

    /// <summary>Sends the simulated time to the server when it moved since the last call (once, however many calls wait for it).</summary>
    private async Task SyncClockAsync(CancellationToken cancellationToken)
    {
        if (_serverNow == _now) return;
        await _clockGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _now;
            if (_serverNow == now) return;
            await CallAsync("SetClock", o => _control.SetClockAsync(new Proto.SetClockRequest { Time = GrpcMapping.ToProto(now) }, o), cancellationToken)
                .ConfigureAwait(false);
            _serverNow = now;
        }
        finally
        {
            _clockGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(VehicleRegistration registration, CancellationToken cancellationToken)
    {
        var assigned = _cluster?.Assign(registration.VehicleId, registration.Depot);
        if (assigned is not null && !assigned.IsSuccess) return Task.FromResult(DispatchResult<FleetVehicle>.Fail(assigned.Error));
        var message = GrpcMapping.ToProto(registration with { VehicleId = Scoped(registration.VehicleId) });
        return TryAsync("RegisterVehicle", o => _fleet.RegisterVehicleAsync(message, o), Remember, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DispatchResult<FleetVehicle>> StartShiftAsync(string vehicleId, CancellationToken cancellationToken) =>
        TryAsync("StartShift", o => _fleet.StartShiftAsync(new Proto.StartShiftRequest { VehicleId = Scoped(vehicleId) }, o), Remember, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<FleetVehicle>> EndShiftAsync(string vehicleId, CancellationToken cancellationToken) =>
        TryAsync("EndShift", o => _fleet.EndShiftAsync(new Proto.EndShiftRequest { VehicleId = Scoped(vehicleId) }, o), Remember, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<FleetVehicle>> TakeOutOfServiceAsync(string vehicleId, CancellationToken cancellationToken) =>
        TryAsync("EndShift", o => _fleet.EndShiftAsync(new Proto.EndShiftRequest { VehicleId = Scoped(vehicleId), OutOfService = true }, o), Remember, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(string riderId, QuoteRequest request, CancellationToken cancellationToken)
    {
        var message = GrpcMapping.ToProto(request, NextKey());
        return TryAsync("RequestQuote", o => _booking.RequestQuoteAsync(message, o), response =>
        {
            if (response.Offer is null) return new QuoteOutcome(null, GrpcMapping.ToDomain(response.Rejection ?? new Proto.Rejection()));
            var offer = GrpcMapping.ToDomain(response.Offer, request.LatestArrival);
            offer = offer with { VehicleId = Local(offer.VehicleId) };
            _offers[offer.OfferId] = (request, offer);
            return new QuoteOutcome(offer, null);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DispatchResult<Booking>> ConfirmOfferAsync(string riderId, string offerId, CancellationToken cancellationToken)
    {
        // One key for every attempt: a confirm retried after UNAVAILABLE is answered as the first one was.
        var message = new Proto.ConfirmOfferRequest { OfferId = offerId, IdempotencyKey = NextKey() };
        return TryAsync("ConfirmOffer", o => _booking.ConfirmOfferAsync(message, o), booking =>
        {
            var (request, offer) = _offers.TryRemove(offerId, out var known) ? known : (EmptyRequest, null!);
            var result = Localise(GrpcMapping.ToDomain(booking, request, offer));
            if (result.Offer is { } promised) _bookings[result.Id] = (request, promised);
            return result;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<DispatchResult<Booking>> CancelBookingAsync(string riderId, string bookingId, CancellationToken cancellationToken) =>
        TryAsync("CancelBooking", o => _booking.CancelBookingAsync(new Proto.CancelBookingRequest { BookingId = bookingId }, o), booking =>
        {
            var (request, offer) = _bookings.TryGetValue(bookingId, out var known) ? known : (EmptyRequest, null!);
            return Localise(GrpcMapping.ToDomain(booking, request, offer));
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<DispatchResult<Parcel>> SubmitParcelAsync(string shopId, ParcelRequest request, CancellationToken cancellationToken)
    {
        var message = new Proto.SubmitParcelRequest
        {
            From = GrpcMapping.ToProto(request.From),
            To = GrpcMapping.ToProto(request.To),
            SizeUnits = request.Units,
            DeliveryWindow = new Proto.TimeWindow { Start = GrpcMapping.ToProto(request.ReadyAt), End = GrpcMapping.ToProto(request.DeliverBy) },
            SenderReference = shopId.Length <= 64 ? shopId : shopId[..64],
            IdempotencyKey = NextKey(),
        };
        var result = await TryAsync("SubmitParcel", o => _parcels.SubmitParcelAsync(message, o), r => r, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess) return DispatchResult<Parcel>.Fail(result.Error);
        if (result.Value.Parcel is not { } parcel)
            // The engine's NoCapacity error, which the server turns into a rejection message.
            return new DispatchError(DispatchErrorCode.NoCapacity, result.Value.Rejection?.Message ?? "No vehicle has parcel space.");
        _parcelIds.TryAdd(parcel.ParcelId, 0);
        var domain = GrpcMapping.ToDomain(parcel, shopId, request);
        return domain.VehicleId is { } carrier ? domain with { VehicleId = Local(carrier) } : domain;
    }

    /// <inheritdoc />
    public async Task<DispatchResult<ManifestView>> GetManifestAsync(string vehicleId, CancellationToken cancellationToken)
    {
        await SyncClockAsync(vehicleId, cancellationToken).ConfigureAwait(false);
        return await SendAsync("GetManifest", o => _control.GetManifestAsync(new Proto.SimulationManifestRequest { VehicleId = Scoped(vehicleId) }, o),
            m => GrpcMapping.ToDomain(m) with { VehicleId = Local(m.VehicleId) }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DispatchResult<FleetVehicle>> ReportPositionAsync(string vehicleId, GeoPoint position, CancellationToken cancellationToken)
    {
        if (await StreamFixesAsync([(vehicleId, position)], cancellationToken).ConfigureAwait(false) is { } error) return error;
        if (!_vehicles.TryGetValue(vehicleId, out var vehicle))
            return new DispatchError(DispatchErrorCode.NotFound, $"Vehicle '{vehicleId}' was not registered through this gateway.");
        return _vehicles[vehicleId] = vehicle with { LastPosition = position, LastFixAt = _now };
    }

    /// <summary>
    /// The fixes in one <c>ReportPositions</c> stream, in the order given (the server applies them in that order per
    /// area, one area call per batch, instead of one call and one area call per fix). Returns how many were accepted.
    /// </summary>
    public async Task<int> ReportPositionsAsync(IReadOnlyList<(string VehicleId, GeoPoint Position)> fixes, CancellationToken cancellationToken)
    {
        if (fixes.Count == 0) return 0;
        if (await StreamFixesAsync(fixes, cancellationToken).ConfigureAwait(false) is not null) return 0;
        foreach (var (id, position) in fixes)
            if (_vehicles.TryGetValue(id, out var vehicle)) _vehicles[id] = vehicle with { LastPosition = position, LastFixAt = _now };
        return fixes.Count;
    }

    /// <summary>Streams <paramref name="fixes"/> at the current time; the engine's error when one was refused, else null.</summary>
    private async Task<DispatchError?> StreamFixesAsync(IReadOnlyList<(string VehicleId, GeoPoint Position)> fixes, CancellationToken cancellationToken)
    {
        await SyncClockAsync(cancellationToken).ConfigureAwait(false);
        long first = Stopwatch.GetTimestamp();
        for (int attempt = 0; ; attempt++)
        {
            using var call = _fleet.ReportPositions(Options(cancellationToken));
            try
            {
                var recordedAt = GrpcMapping.ToProto(_now);
                foreach (var (id, position) in fixes)
                    await call.RequestStream.WriteAsync(new Proto.PositionFix
                    {
                        VehicleId = Scoped(id), Lat = position.Latitude, Lon = position.Longitude, RecordedAt = recordedAt,
                    }).ConfigureAwait(false);
                await call.RequestStream.CompleteAsync().ConfigureAwait(false);
                var summary = await call.ResponseAsync.ConfigureAwait(false);
                Calls.Add("ReportPositions", Stopwatch.GetElapsedTime(first));
                if (summary.Accepted < fixes.Count)
                    return new DispatchError(DispatchErrorCode.InvalidArgument, fixes.Count == 1
                        ? $"The server rejected the position of '{fixes[0].VehicleId}'."
                        : $"The server rejected {fixes.Count - summary.Accepted} of {fixes.Count} positions.", "position");
                return null;
            }
            catch (RpcException e) when (GrpcMapping.ToDomain(e) is { } error)
            {
                Calls.Add("ReportPositions", Stopwatch.GetElapsedTime(first));
                return error;
            }
            catch (RpcException e) when (ShouldRetry(e, first))
            {
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw Failure("ReportPositions", e);
            }
        }
    }

    /// <summary>
    /// A stop event at the simulated time. Sent without a <c>SetClock</c>: a server in simulation mode moves the clock
    /// the event reads (the vehicle's area on a cluster, its one clock on a single process) forward to the event's
    /// <c>occurred_at</c> itself, so the engine sees the same time as after a clock move, and the cluster's clock (a
    /// PostgreSQL write and a call to every area) moves only for calls that need it.
    /// </summary>
    public async Task<DispatchResult<StopEventResult>> ReportStopEventAsync(StopEvent stopEvent, CancellationToken cancellationToken)
    {
        var now = _now;
        var message = new Proto.StopEventRequest
        {
            VehicleId = Scoped(stopEvent.VehicleId),
            Kind = GrpcMapping.ToProto(stopEvent.Kind),
            OccurredAt = GrpcMapping.ToProto(now),
            EventId = NextKey(),
        };
        if (_parcelIds.ContainsKey(stopEvent.SubjectId)) message.ParcelId = stopEvent.SubjectId;
        else message.BookingId = stopEvent.SubjectId;
        int retried = RetriedCalls;
        var result = await SendAsync("ReportStopEvent", o => _fleet.ReportStopEventAsync(message, o), _ => new StopEventResult(stopEvent, now, null, null),
            cancellationToken).ConfigureAwait(false);
        // Only an applied event is sure to have moved the clock: a refusal may come before (a malformed request, a
        // subject of another area), and the next call then sends the time itself.
        if (result.IsSuccess && RetriedCalls == retried && ClockOf(stopEvent.VehicleId) is { } clock) _movedByEvent[clock] = now;
        return result;
    }

    /// <inheritdoc />
    public async Task<bool> ReoptimiseAsync(CancellationToken cancellationToken)
    {
        await SyncClockAsync(cancellationToken).ConfigureAwait(false);
        return (await CallAsync("Reoptimise", o => _control.ReoptimiseAsync(new Proto.ReoptimiseRequest(), o), cancellationToken).ConfigureAwait(false)).Adopted;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        _clockGate.Dispose();
        return ValueTask.CompletedTask;
    }

    private static readonly QuoteRequest EmptyRequest = new(new PlaceRef(), new PlaceRef(), null, null);

    private FleetVehicle Remember(Proto.Vehicle v)
    {
        var vehicle = GrpcMapping.ToDomain(v);
        vehicle = vehicle with { Id = Local(vehicle.Id) };
        if (_vehicles.TryGetValue(vehicle.Id, out var known)) vehicle = vehicle with { LastPosition = known.LastPosition, LastFixAt = known.LastFixAt };
        return _vehicles[vehicle.Id] = vehicle;
    }

    private string Scoped(string vehicleId) => _cluster?.Scoped(vehicleId) ?? vehicleId;

    private string Local(string vehicleId) => _cluster?.Local(vehicleId) ?? vehicleId;

    private Booking Localise(Booking booking) => _cluster is null ? booking : booking with
    {
        VehicleId = booking.VehicleId is { } v ? Local(v) : null,
        Offer = booking.Offer is { } o ? o with { VehicleId = Local(o.VehicleId) } : null,
    };

    // Idempotency keys only need to be unique per caller; a counter keeps runs reproducible.
    private string NextKey() => "sim-" + Interlocked.Increment(ref _keys).ToString(CultureInfo.InvariantCulture);

    private CallOptions Options(CancellationToken cancellationToken) => new(_headers, DateTime.UtcNow + CallTimeout, cancellationToken);

    private async Task<TResponse> CallAsync<TResponse>(string rpc, Func<CallOptions, AsyncUnaryCall<TResponse>> start, CancellationToken cancellationToken)
    {
        long first = Stopwatch.GetTimestamp();
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using var call = start(Options(cancellationToken));
                var response = await call.ResponseAsync.ConfigureAwait(false);
                Calls.Add(rpc, Stopwatch.GetElapsedTime(first));
                return response;
            }
            catch (RpcException e) when (ShouldRetry(e, first))
            {
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw Failure(rpc, e);
            }
        }
    }

    /// <summary>
    /// Whether to call again after <paramref name="e"/>: only <c>UNAVAILABLE</c> (a silo gone, its areas re-activating
    /// elsewhere; the cluster's answer for "try again"), only once connected, and for at most <see cref="RetryWindow"/>
    /// since the first attempt.
    /// </summary>
    private bool ShouldRetry(RpcException e, long firstAttempt)
    {
        if (e.StatusCode != StatusCode.Unavailable || !_retryUnavailable || Stopwatch.GetElapsedTime(firstAttempt) > RetryWindow) return false;
        Interlocked.Increment(ref _retried);
        _movedByEvent.Clear();
        return true;
    }

    /// <summary>The pause before retry <paramref name="attempt"/> + 1: 100 ms, doubling up to 1 s.</summary>
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 100 << Math.Min(attempt, 4))), cancellationToken);

    private async Task<DispatchResult<T>> TryAsync<TResponse, T>(string rpc, Func<CallOptions, AsyncUnaryCall<TResponse>> start,
        Func<TResponse, T> map, CancellationToken cancellationToken)
    {
        await SyncClockAsync(cancellationToken).ConfigureAwait(false);
        return await SendAsync(rpc, start, map, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One call (retried after <c>UNAVAILABLE</c>) with the clock as it stands; engine errors as failures.</summary>
    private async Task<DispatchResult<T>> SendAsync<TResponse, T>(string rpc, Func<CallOptions, AsyncUnaryCall<TResponse>> start,
        Func<TResponse, T> map, CancellationToken cancellationToken)
    {
        TResponse response;
        long first = Stopwatch.GetTimestamp();
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                using var call = start(Options(cancellationToken));
                response = await call.ResponseAsync.ConfigureAwait(false);
                Calls.Add(rpc, Stopwatch.GetElapsedTime(first));
                break;
            }
            catch (RpcException e) when (GrpcMapping.ToDomain(e) is { } error)
            {
                Calls.Add(rpc, Stopwatch.GetElapsedTime(first));
                return DispatchResult<T>.Fail(error);
            }
            catch (RpcException e) when (ShouldRetry(e, first))
            {
                await BackOffAsync(attempt, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw Failure(rpc, e);
            }
        }
        return DispatchResult<T>.Ok(map(response));
    }

    private GrpcGatewayException Failure(string rpc, RpcException e) => e.StatusCode switch
    {
        StatusCode.Unimplemented => new GrpcGatewayException(
            $"{rpc}: the server at {_channel.Target} is not in simulation mode; start it with --Simulation:Enabled=true (see simulator/README.md).", e),
        StatusCode.Unavailable => new GrpcGatewayException($"{rpc}: the server at {_channel.Target} cannot be reached: {e.Status.Detail}", e),
        StatusCode.Unauthenticated => new GrpcGatewayException($"{rpc}: the server refused the token ({e.Status.Detail}).", e),
        StatusCode.PermissionDenied => new GrpcGatewayException($"{rpc}: the token's role may not call it; use a dispatcher token ({e.Status.Detail}).", e),
        _ => new GrpcGatewayException($"{rpc}: the server answered {e.StatusCode}: {e.Status.Detail}", e),
    };
}
