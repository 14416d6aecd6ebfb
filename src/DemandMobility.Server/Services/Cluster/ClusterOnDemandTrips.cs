using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Routing;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Transit.Planning;
using Grpc.Core;

namespace DemandMobility.Server.Services.Cluster;

/// <summary>
/// The journey planner's on-demand legs in cluster mode: each leg is quoted by the grain of the area of its origin
/// (a feeder by the rider's area, a ride home by the station's), through <see cref="ServiceAreaRouter"/>, so offer
/// and booking ids are area-scoped and confirm/cancel go to the area they name. A leg whose end lies outside the
/// areas its start allows is never proposed.
/// </summary>
internal sealed class ClusterOnDemandTrips(ServiceAreaRouter router) : IOnDemandTrips
{
    /// <inheritdoc />
    public bool Serves(GeoPoint from, GeoPoint to) =>
        router.Areas.AreaOf(from) is { } origin && router.Areas.AreaOf(to) is { } destination
        && ServiceAreaMap.AllowsDestination(origin, destination.Id);

    /// <inheritdoc />
    public Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(CallerIdentity caller, QuoteRequest request, CancellationToken cancellationToken) =>
        Retryable(() => router.RequestQuoteAsync(caller, request));

    /// <inheritdoc />
    public Task<DispatchResult<Booking>> ConfirmOfferAsync(CallerIdentity caller, string offerId, CancellationToken cancellationToken) =>
        Retryable(() => router.ConfirmOfferAsync(caller, offerId));

    /// <inheritdoc />
    public Task<DispatchResult<Booking>> CancelBookingAsync(CallerIdentity caller, string bookingId, CancellationToken cancellationToken) =>
        Retryable(() => router.CancelBookingAsync(caller, bookingId));

    // As AreaCall: an area moving to another silo is retryable (UNAVAILABLE), not an internal error.
    private static async Task<T> Retryable<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or Orleans.Runtime.OrleansException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "A service area of the journey is moving to another node; retry: " + ex.Message));
        }
    }
}
