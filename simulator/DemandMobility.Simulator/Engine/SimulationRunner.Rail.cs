using System.Collections.Immutable;
using DemandMobility.Dispatch.Views;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;

namespace DemandMobility.Simulator.Engine;

/// <summary>
/// Rail feeders: trips tied to trains (see <see cref="RailFeederPlan"/>) are quoted with their train; a late train's
/// delay is handed to the dispatcher before it leaves its first stop, which moves the tied bookings (a lost connection
/// ends the trip as disrupted, cause in <c>trips.csv</c>). Afterwards each promised connection is judged against the
/// train's real time: a feeder is kept when the rider was dropped off before the train really left, a ride home when
/// the bus picked the rider up after the train really arrived.
/// </summary>
public sealed partial class SimulationRunner
{
    private readonly RailFeederPlan? _rail;
    private readonly Dictionary<int, string> _connectionLost = [];

    private void ScheduleTrainDelays()
    {
        if (_rail is null) return;
        foreach (var (trip, at) in _rail.Announcements())
            _queue.Add(new SimEvent(Math.Max(_startTicks, at.UtcTicks), SimEventKind.TrainDelay, trip));
    }

    /// <summary>
    /// A trip asked for after its train's delay was announced is quoted as a planner with the real-time feed would: the
    /// feeder's deadline and the ride home's earliest pickup already include the delay, and so does its tie.
    /// </summary>
    private DemandTrip WithKnownDelay(DemandTrip trip)
    {
        if (_rail is null || trip.Train is not { } train || _rail.KnownDelay(train, Now) is not { } delay || delay == train.Delay) return trip;
        var shift = delay - train.Delay;
        return trip with
        {
            Train = train with { Delay = delay },
            EarliestPickup = trip.EarliestPickup + shift,
            LatestArrival = trip.LatestArrival + shift,
        };
    }

    private async Task TrainDelayAsync(int trip)
    {
        await FreshFixesAsync().ConfigureAwait(false);
        var applied = await _gateway.ApplyTrainStatusAsync(_rail!.StatusesOf(trip), _ct).ConfigureAwait(false);
        if (!applied.IsSuccess)
        {
            Problem("train delay", applied.Error);
            return;
        }
        foreach (var o in applied.Value!)
        {
            if (o.Kind == ConnectionOutcomeKind.PickupMoved && o.PromisedTime is { } from && _tripBySubject.TryGetValue(o.BookingId, out int moved)
                && _trips[moved] is { PromisedFrom: { } oldFrom, PromisedUntil: { } oldUntil } m)
            {
                // Punctuality is judged against the window the rider was last told.
                m.PromisedFrom = from;
                m.PromisedUntil = from + (oldUntil - oldFrom);
            }
            if (o.Kind != ConnectionOutcomeKind.Broken) continue;
            var ended = await _gateway.ReplaceConnectionAsync(o.BookingId, o.Reason, _ct).ConfigureAwait(false);
            if (!ended.IsSuccess) Problem("connection lost", ended.Error);
            if (!_tripBySubject.TryGetValue(o.BookingId, out int i)) continue;
            _connectionLost[i] = o.Reason;
            if (_trips[i].Outcome is null && _trips[i].PickupTime is null) Finish(_trips[i], TripOutcome.Disrupted, "connection_lost");
        }
        if (applied.Value.Count > 0) await RefreshAllAsync().ConfigureAwait(false);
    }

    /// <summary>The trip records with their train, its real delay and the connection's verdict (kept, missed:cause, rider:cause).</summary>
    private ImmutableArray<TripRecord> WithConnections(ImmutableArray<TripRecord> records)
    {
        if (_rail is null) return records;
        var byId = new Dictionary<string, TripState>(StringComparer.Ordinal);
        foreach (var t in _trips) byId[t.Trip.Id] = t;
        var result = ImmutableArray.CreateBuilder<TripRecord>(records.Length);
        foreach (var r in records)
        {
            if (!byId.TryGetValue(r.TripId, out var t) || t.Trip.Train is not { } train)
            {
                result.Add(r);
                continue;
            }
            var delay = _rail.DelayOf(train);
            result.Add(r with { Train = $"{train.TripId}@{train.StopId}", TrainDelaySeconds = delay.TotalSeconds, Connection = Verdict(t, train, delay) });
        }
        return result.MoveToImmutable();
    }

    /// <summary>Null when nothing was promised (the quote was rejected or declined).</summary>
    private string? Verdict(TripState t, Dispatch.Domain.TrainConnection train, TimeSpan delay)
    {
        if (t.SubjectId is null) return null;
        if (t.Outcome == TripOutcome.Cancelled) return "rider:cancelled";
        if (t.Outcome == TripOutcome.NoShow) return "rider:no_show";
        var real = train.Scheduled + delay;
        if (_connectionLost.ContainsKey(t.Index) && t.PickupTime is null) return "missed:connection_lost";
        if (train.Kind == Dispatch.Domain.TrainConnectionKind.Feeder)
            return t.DropoffTime is { } off
                ? off <= real ? "kept" : "missed:feeder_late"
                : "missed:" + (t.Reason ?? Snake((t.Outcome ?? TripOutcome.Unfinished).ToString()));
        return t.PickupTime is { } on
            ? on >= real ? "kept" : "missed:bus_left_before_train"
            : "missed:" + (t.Reason ?? Snake((t.Outcome ?? TripOutcome.Unfinished).ToString()));
    }
}
