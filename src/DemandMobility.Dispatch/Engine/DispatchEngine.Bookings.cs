using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>
    /// Asks for a trip. Returns an offer (promised pickup window, predicted drop-off, walking distances,
    /// expiry) or a rejection with alternative times; invalid input fails with a field-named error and
    /// changes nothing. A retry with the same <paramref name="idempotencyKey"/> returns the same answer while
    /// the offer can still be confirmed.
    /// </summary>
    /// <remarks>
    /// An offer is not a commitment, so it lives in memory only: no durable write per quote (a rejection is still
    /// stored, for the KPIs). The search runs under the reader lock, in parallel with other quotes; the writer
    /// lock is taken only to record the offer. After a restart, or once the offer has expired and been swept,
    /// confirming it fails with <see cref="DispatchErrorCode.NotFound"/> ("unknown or expired; ask for a new
    /// quote") and a retried key is quoted afresh. Confirming stores the whole booking with its offer.
    /// </remarks>
    public async Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(
        CallerIdentity caller, QuoteRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        string scope = Scope(caller, "RequestQuote");
        string? hash = null;
        if (idempotencyKey is not null)
        {
            if (InvalidKey(idempotencyKey) is { } keyError) return keyError;
            hash = Hash(request);
        }

        CommandOutcome<QuoteOutcome> outcome;
        await _lock.EnterReadAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (idempotencyKey is not null && _quoteReplies.Find(scope, idempotencyKey, hash!) is { } earlier) return earlier;
            using (_cpu.Measure()) outcome = _quotes.Quote(caller, request);
        }
        finally
        {
            _lock.ExitRead();
        }
        if (!outcome.Result.IsSuccess) return outcome.Result;

        await _lock.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A concurrent retry with the same key may have finished first: its answer wins.
            if (idempotencyKey is not null && _quoteReplies.Find(scope, idempotencyKey, hash!) is { } raced) return raced;
            var now = Now;
            if (outcome.Result.Value!.Offer is not null)
            {
                foreach (var e in outcome.Events) _state.Apply(e.Delta, now);
                if (now >= _nextSweep) SweepLocked();
            }
            else
            {
                await CommitLockedAsync(outcome.Events, null, cancellationToken).ConfigureAwait(false);
            }
            if (idempotencyKey is not null)
                _quoteReplies.Remember(scope, idempotencyKey, hash!, outcome.Result, now + _options.OfferExpiry);
            return outcome.Result;
        }
        finally
        {
            _lock.ExitWrite();
        }
    }

    /// <summary>
    /// Confirms an offer: re-checks that the promise still fits the plan, commits it and stores it before
    /// returning. Fails with <see cref="DispatchErrorCode.Expired"/> after the expiry (or
    /// <see cref="DispatchErrorCode.NotFound"/> once the expired offer has been dropped from memory, at most
    /// seconds later, or after a restart) and with <see cref="DispatchErrorCode.NoCapacity"/> when the plan moved
    /// on; confirming twice returns the booking.
    /// </summary>
    public Task<DispatchResult<Booking>> ConfirmOfferAsync(
        CallerIdentity caller, string offerId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ConfirmOffer", idempotencyKey, offerId, () => _bookings.Confirm(caller, offerId), cancellationToken);

    /// <summary>Cancels a booking before boarding and frees its place in the plan.</summary>
    public Task<DispatchResult<Booking>> CancelBookingAsync(
        CallerIdentity caller, string bookingId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "CancelBooking", idempotencyKey, bookingId, () => _bookings.Cancel(caller, bookingId), cancellationToken);

    /// <summary>A booking with its forecast; another rider's booking is reported as not found.</summary>
    /// <remarks>A dispatcher also sees the traveller of a phone booking (<see cref="BookingView.Traveller"/>).</remarks>
    public Task<DispatchResult<BookingView>> GetBookingAsync(CallerIdentity caller, string bookingId, CancellationToken cancellationToken = default) =>
        ReadAsync(() => _state.Bookings.TryGetValue(bookingId, out var b) && caller.CanSee(b.RiderId)
            ? DispatchResult<BookingView>.Ok(caller.Role == CallerRole.Dispatcher ? _forecast.ViewOf(b) with { Traveller = _forecast.TravellerOf(b) } : _forecast.ViewOf(b))
            : DispatchError.NotFound("Booking", bookingId), cancellationToken);

    /// <summary>
    /// A confirmed (or later) booking with its forecast. An offer is not a booking: one not yet confirmed is
    /// reported as not found, exactly like an unknown id or another rider's booking.
    /// </summary>
    public Task<DispatchResult<BookingView>> GetConfirmedBookingAsync(CallerIdentity caller, string bookingId, CancellationToken cancellationToken = default) =>
        ReadAsync(() => _state.Bookings.TryGetValue(bookingId, out var b) && caller.CanSee(b.RiderId) && IsBooking(b.Status)
            ? DispatchResult<BookingView>.Ok(caller.Role == CallerRole.Dispatcher ? _forecast.ViewOf(b) with { Traveller = _forecast.TravellerOf(b) } : _forecast.ViewOf(b))
            : DispatchError.NotFound("Booking", bookingId), cancellationToken);

    /// <summary><see cref="WatchBookingAsync"/> of a confirmed (or later) booking; an offer is not found (see <see cref="GetConfirmedBookingAsync"/>).</summary>
    public async Task<DispatchResult<IAsyncEnumerable<BookingView>>> WatchConfirmedBookingAsync(
        CallerIdentity caller, string bookingId, CancellationToken cancellationToken = default)
    {
        var first = await GetConfirmedBookingAsync(caller, bookingId, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess) return first.Error;
        return DispatchResult<IAsyncEnumerable<BookingView>>.Ok(WatchBookingStream(bookingId, cancellationToken));
    }

    /// <summary>The one place that says which states make a booking (rather than a request or an offer).</summary>
    private static bool IsBooking(BookingStatus status) => status is not (BookingStatus.Requested or BookingStatus.Offered);

    /// <summary>
    /// Erases personal data (dispatchers only): the traveller of booking <paramref name="subjectId"/>, or of every
    /// booking of rider <paramref name="subjectId"/>. The keys are deleted from the vault, so the ciphertext the event
    /// log keeps can no longer be read, and the bookings drop it; trips, times and statistics stay. Returns how many
    /// bookings held personal data.
    /// </summary>
    public Task<DispatchResult<int>> ErasePersonalDataAsync(CallerIdentity caller, string subjectId, CancellationToken cancellationToken = default) =>
        RunAsync(caller, "ErasePersonalData", null, subjectId, () => _bookings.ErasePersonalData(caller, subjectId), cancellationToken);

    /// <summary>
    /// A stream of the booking's status and ETAs: the current view first, then one per change, ending after
    /// drop-off, cancellation or no-show (or when <paramref name="cancellationToken"/> fires).
    /// </summary>
    public async Task<DispatchResult<IAsyncEnumerable<BookingView>>> WatchBookingAsync(
        CallerIdentity caller, string bookingId, CancellationToken cancellationToken = default)
    {
        var first = await GetBookingAsync(caller, bookingId, cancellationToken).ConfigureAwait(false);
        if (!first.IsSuccess) return first.Error;
        return DispatchResult<IAsyncEnumerable<BookingView>>.Ok(WatchBookingStream(bookingId, cancellationToken));
    }

    private async IAsyncEnumerable<BookingView> WatchBookingStream(string bookingId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        BookingView? last = null;
        while (true)
        {
            long seen = _changes.Version;
            // An offer that expired unconfirmed is dropped from memory: its stream ends there.
            var view = await ReadAsync(() => _state.Bookings.TryGetValue(bookingId, out var b) ? _forecast.ViewOf(b) : null, cancellationToken).ConfigureAwait(false);
            if (view is null) yield break;
            if (last is null || view != last)
            {
                last = view;
                yield return view;
            }
            if (BookingTransitions.IsTerminal(view.Booking.Status)) yield break;
            await _changes.WaitAsync(seen, cancellationToken).ConfigureAwait(false);
        }
    }
}
