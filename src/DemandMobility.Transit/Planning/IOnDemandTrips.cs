using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Transit.Planning;

/// <summary>
/// Where the journey planner quotes and books its on-demand legs: one dispatch engine in a single process
/// (<see cref="EngineOnDemandTrips"/>), or the grain of the service area of each leg's origin in a cluster.
/// Offer and booking ids are whatever the implementation hands out; the planner only passes them back.
/// </summary>
public interface IOnDemandTrips
{
    /// <summary>True when an on-demand trip from <paramref name="from"/> to <paramref name="to"/> can be quoted at all (service area rules).</summary>
    bool Serves(GeoPoint from, GeoPoint to);

    /// <summary>Quotes a trip (see <c>DispatchEngine.RequestQuoteAsync</c>).</summary>
    Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(CallerIdentity caller, QuoteRequest request, CancellationToken cancellationToken);

    /// <summary>Confirms an offer of <see cref="RequestQuoteAsync"/>.</summary>
    Task<DispatchResult<Booking>> ConfirmOfferAsync(CallerIdentity caller, string offerId, CancellationToken cancellationToken);

    /// <summary>Cancels a booking made by <see cref="ConfirmOfferAsync"/>.</summary>
    Task<DispatchResult<Booking>> CancelBookingAsync(CallerIdentity caller, string bookingId, CancellationToken cancellationToken);
}
