using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// The open offers and remembered quote answers (<see cref="OfferHandover"/>), for the engine that takes over this
    /// log. Offers already expired are left out.
    /// </summary>
    public Task<OfferHandover> ExportOffersAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            var now = Now;
            var offers = _state.Bookings.Values
                .Where(b => b.Status == BookingStatus.Offered && b.Offer is { } o && o.ExpiresAt >= now)
                .OrderBy(b => b.Id, StringComparer.Ordinal).ToArray();
            return new OfferHandover(offers, _quoteReplies.Export(now));
        }, cancellationToken);

    /// <summary>
    /// Takes over the offers and quote answers of the engine that had this log before (after the replay). An offer
    /// that has expired, or whose booking the log already holds in another status (it was confirmed or cancelled), is
    /// skipped, so the handover never changes what is stored; the plan is not touched (confirming re-checks the offer
    /// against the plan of that moment, as for any offer). Returns how many offers were taken.
    /// </summary>
    public async Task<int> ImportOffersAsync(OfferHandover handover, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handover);
        await _lock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Now;
            int taken = 0;
            foreach (var offer in handover.Offers)
            {
                if (offer.Status != BookingStatus.Offered || offer.Offer is not { } o || o.ExpiresAt < now) continue;
                if (_state.Bookings.TryGetValue(offer.Id, out var known) && known.Status != BookingStatus.Offered) continue;
                _state.Apply(new StateDelta(Bookings: [offer]), now);
                taken++;
            }
            foreach (var reply in handover.Replies)
                if (reply.ForgetAt >= now) _quoteReplies.Restore(reply);
            return taken;
        }
        finally
        {
            _lock.ExitWrite();
        }
    }
}
