using System.Diagnostics;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Engine;

public sealed partial class SimulationRunner
{
    /// <summary>
    /// A rider asks for a quote and reacts as the scenario's behaviour says: accept when the promised pickup
    /// (window start) lies at most <c>acceptable_wait_min</c> after the requested time; after a rejection try up to
    /// <c>max_alternatives</c> of the offered alternative times that are acceptable; otherwise give up. Shops
    /// submit parcels instead. Behaviour draws happen in a fixed order per trip so the seed fixes them.
    /// </summary>
    private async Task RequestAsync(TripState t)
    {
        double cancelDraw = _behaviour.NextDouble();
        double noShowDraw = _behaviour.NextDouble();
        await FreshFixesAsync().ConfigureAwait(false);
        if (t.IsParcel)
        {
            await SubmitParcelAsync(t).ConfigureAwait(false);
            return;
        }
        if (await AskAsync(t).ConfigureAwait(false) is { } booked)
            await BookedAsync(t, booked.Booking, booked.Offer, cancelDraw, noShowDraw).ConfigureAwait(false);
    }

    /// <summary>
    /// The rider's side of a request: quote, accept or decline, try alternatives, confirm. Touches only
    /// <paramref name="t"/> and the gateway (never the event list, the vehicles or the behaviour draws), so the requests
    /// of one interval can ask at once (<see cref="RequestBatchAsync"/>). Returns the booking when one was confirmed;
    /// otherwise <paramref name="t"/> is finished with its outcome.
    /// </summary>
    private async Task<(Booking Booking, Offer Offer)?> AskAsync(TripState t)
    {
        var riders = _scenario.Settings.Riders;
        var trip = WithKnownDelay(t.Trip);
        bool byArrival = trip.EarliestPickup is null && trip.LatestArrival is not null;
        DateTimeOffset requested = byArrival ? trip.LatestArrival!.Value : Max(trip.EarliestPickup ?? Now, Now);
        t.RequestedPickup = byArrival ? null : requested;
        var acceptable = TimeSpan.FromMinutes(riders.AcceptableWaitMin);
        var time = requested;
        bool sawAlternatives = false;
        for (int attempt = 0; ; attempt++)
        {
            var request = new QuoteRequest(
                new PlaceRef(trip.Origin), new PlaceRef(trip.Destination),
                byArrival ? null : time, byArrival ? time : null,
                trip.Passengers, trip.WheelchairPlaces, 0,
                trip.Kind == TripKind.Pupil ? RiderKind.Pupil : RiderKind.Passenger,
                trip.MaxRideTime, trip.Group, Train: trip.Train);
            long asked = Stopwatch.GetTimestamp();
            var quote = await _gateway.RequestQuoteAsync(t.CallerId, request, _ct).ConfigureAwait(false);
            _quoteTimes.Enqueue(Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
            if (!quote.IsSuccess)
            {
                Finish(t, TripOutcome.Rejected, ReasonOf(quote.Error!));
                return null;
            }
            if (quote.Value!.Offer is { } offer)
            {
                // Arrive-by riders are promised their latest arrival; the pickup time is the dispatcher's to choose.
                if (!byArrival && offer.PromisedPickupStart - requested > acceptable)
                {
                    Finish(t, TripOutcome.Declined, "wait_too_long");
                    return null;
                }
                var confirmed = await _gateway.ConfirmOfferAsync(t.CallerId, offer.OfferId, _ct).ConfigureAwait(false);
                if (confirmed.IsSuccess)
                {
                    if (!byArrival && time != requested) t.AlternativeTime = time;
                    return (confirmed.Value!, offer);
                }
                if (attempt >= riders.MaxAlternatives)
                {
                    Finish(t, TripOutcome.Rejected, "confirm_" + Snake(confirmed.Error!.Code.ToString()));
                    return null;
                }
                continue;
            }

            var rejection = quote.Value.Rejection!;
            DateTimeOffset? next = null;
            foreach (var alt in rejection.AlternativeTimes)
            {
                sawAlternatives = true;
                var shift = byArrival ? requested - alt : alt - requested;
                // Arrive-by riders (pupils before the bell) cannot arrive later than asked; others cannot leave earlier than now.
                if (shift < TimeSpan.Zero && (byArrival || alt < Now)) continue;
                if (shift.Duration() <= acceptable && alt != time)
                {
                    next = alt;
                    break;
                }
            }
            if (next is null || attempt >= riders.MaxAlternatives)
            {
                if (sawAlternatives) Finish(t, TripOutcome.Declined, "alternatives_unacceptable");
                else Finish(t, TripOutcome.Rejected, Snake(rejection.Code.ToString()));
                return null;
            }
            time = next.Value;
        }
    }

    private async Task BookedAsync(TripState t, Booking booking, Offer offer, double cancelDraw, double noShowDraw)
    {
        var riders = _scenario.Settings.Riders;
        var promised = booking.Offer ?? offer;
        t.SubjectId = booking.Id;
        _tripBySubject[booking.Id] = t.Index;
        t.VehicleId = booking.VehicleId ?? promised.VehicleId;
        t.PromisedFrom = promised.PromisedPickupStart;
        t.PromisedUntil = promised.PromisedPickupEnd;
        NotePromise(t);
        var table = _travel.Table([promised.Pickup.Point], [promised.Dropoff.Point]);
        double direct = table.Duration(0, 0);
        if (double.IsFinite(direct))
        {
            t.DirectSeconds = direct;
            t.DirectKm = table.Distance(0, 0) / 1000;
            var options = _scenario.Options;
            double rule = RideTimeLimit.FromDetourFactor(direct, options.DetourFactor, options.DetourConstant.TotalSeconds);
            // The dispatcher's rule: a trip's own limit (pupils by age group) replaces the detour rule.
            t.MaxRideSeconds = t.Trip.MaxRideTime is { } own ? own.TotalSeconds : rule;
        }
        t.WillNoShow = noShowDraw < riders.NoShowProbability;
        if (cancelDraw < riders.CancelProbability)
        {
            var at = Max(promised.PromisedPickupStart - TimeSpan.FromMinutes(riders.CancelLeadMin), Now + TimeSpan.FromMinutes(1));
            _queue.Add(new SimEvent(at.UtcTicks, SimEventKind.Cancel, t.Index));
        }
        await RefreshAsync(t.VehicleId).ConfigureAwait(false);
    }

    private async Task SubmitParcelAsync(TripState t)
    {
        var trip = t.Trip;
        var ready = Max(trip.EarliestPickup ?? Now, Now);
        var deliverBy = trip.DeliverBy ?? trip.LatestArrival ?? _scenario.DayEnd;
        t.RequestedPickup = ready;
        var result = await _gateway.SubmitParcelAsync(t.CallerId,
            new ParcelRequest(new PlaceRef(trip.Origin), new PlaceRef(trip.Destination), Math.Max(1, trip.ParcelUnits), ready, deliverBy), _ct)
            .ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            Finish(t, TripOutcome.Rejected, ReasonOf(result.Error!));
            return;
        }
        var parcel = result.Value!;
        t.SubjectId = parcel.Id;
        _tripBySubject[parcel.Id] = t.Index;
        t.VehicleId = parcel.VehicleId;
        t.PromisedFrom = ready;
        t.PromisedUntil = deliverBy;
        var table = _travel.Table([parcel.Pickup.Point], [parcel.Dropoff.Point]);
        if (double.IsFinite(table.Duration(0, 0)))
        {
            t.DirectSeconds = table.Duration(0, 0);
            t.DirectKm = table.Distance(0, 0) / 1000;
        }
        await RefreshAsync(t.VehicleId).ConfigureAwait(false);
    }

    /// <summary>A rider cancels before pickup; too late (already on board or done) means the trip goes on.</summary>
    private async Task CancelAsync(TripState t)
    {
        if (!t.Booked || t.PickupTime is not null) return;
        var result = await _gateway.CancelBookingAsync(t.CallerId, t.SubjectId!, _ct).ConfigureAwait(false);
        if (!result.IsSuccess) return;
        Finish(t, TripOutcome.Cancelled, "rider_cancelled");
        // A re-optimisation may have moved the booking to another vehicle: every manifest is re-read.
        await RefreshAllAsync().ConfigureAwait(false);
    }

    private static void Finish(TripState t, TripOutcome outcome, string? reason)
    {
        t.Outcome = outcome;
        t.Reason = reason;
    }

    private static string ReasonOf(DispatchError error) =>
        error.Field is { Length: > 0 } field ? $"{Snake(error.Code.ToString())}_{Snake(field)}" : Snake(error.Code.ToString());

    /// <summary>PascalCase or camelCase to snake_case (reason keys of the KPI table).</summary>
    internal static string Snake(string name)
    {
        var sb = new System.Text.StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && sb[^1] != '_') sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }
        return sb.ToString();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
