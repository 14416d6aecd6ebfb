using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Transit.Planning;

/// <summary>The on-demand legs of a single-process server: one engine, whose service area (if any) holds both ends.</summary>
public sealed class EngineOnDemandTrips(DispatchEngine engine) : IOnDemandTrips
{
    /// <inheritdoc />
    public bool Serves(GeoPoint from, GeoPoint to) =>
        engine.Options.ServiceArea is not { } area || (area.Contains(from) && area.Contains(to));

    /// <inheritdoc />
    public Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(CallerIdentity caller, QuoteRequest request, CancellationToken cancellationToken) =>
        engine.RequestQuoteAsync(caller, request, null, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<Booking>> ConfirmOfferAsync(CallerIdentity caller, string offerId, CancellationToken cancellationToken) =>
        engine.ConfirmOfferAsync(caller, offerId, null, cancellationToken);

    /// <inheritdoc />
    public Task<DispatchResult<Booking>> CancelBookingAsync(CallerIdentity caller, string bookingId, CancellationToken cancellationToken) =>
        engine.CancelBookingAsync(caller, bookingId, null, cancellationToken);
}
