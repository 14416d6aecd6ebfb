using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;
using Xunit;
using static DemandMobility.Dispatch.Tests.Harness;

namespace DemandMobility.Dispatch.Tests;

/// <summary>
/// The deciders on their own: a state built from deltas, a manual clock, no lock, no store. A decision must never
/// change the state (only the engine's commit applies its events), and applying its events must give the state the
/// decision describes.
/// </summary>
public sealed class DeciderTests
{
    private static readonly CallerIdentity Rider = CallerIdentity.Rider("r1");

    private sealed class Deciders
    {
        public ManualTimeProvider Clock { get; } = new(Start);
        public EngineState State { get; } = new();
        public EngineContext Context { get; }
        public RoutePlanner Planner { get; }
        public RequestRules Rules { get; }
        public QuoteDecider Quotes { get; }
        public BookingDecider Bookings { get; }
        public DutyDecider Duties { get; }
        public ReoptimisationDecider Reoptimisation { get; }
        public ForecastReader Forecast { get; }

        public Deciders(DispatchOptions? options = null)
        {
            Context = new EngineContext(State, options ?? new DispatchOptions(), new TravelCache(new StraightLineTravelTimeService(40)),
                Clock, new Random(1), new ExhaustiveInsertionStrategy());
            Planner = new RoutePlanner(Context);
            Rules = new RequestRules(Context);
            Quotes = new QuoteDecider(Context, Planner, Rules);
            Bookings = new BookingDecider(Context, Planner);
            Duties = new DutyDecider(Context, Planner, Rules);
            Reoptimisation = new ReoptimisationDecider(Context);
            Forecast = new ForecastReader(Context, Planner);
        }

        /// <summary>A vehicle on shift at its depot, put into the state as its events would.</summary>
        public FleetVehicle AddVehicle(string id, int seats = 4)
        {
            var v = new FleetVehicle(id, new LoadVector(seats, 0, 0, 2), P(0, 0), Start, Start.AddHours(12),
                VehicleShiftState.OnShift, P(0, 0), Start);
            State.Apply(new StateDelta(Vehicles: [v]), Clock.GetUtcNow());
            return v;
        }

        public void Apply<T>(CommandOutcome<T> outcome)
        {
            foreach (var e in outcome.Events) State.Apply(e.Delta, Clock.GetUtcNow());
        }
    }

    [Fact(Timeout = 10_000)]
    public async Task Quote_without_vehicles_is_rejected_with_a_stored_rejection_and_leaves_the_state_alone()
    {
        await Task.Yield();
        var d = new Deciders();
        var outcome = d.Quotes.Quote(Rider, Trip(At(0, 1), At(0, 6), Start.AddMinutes(30)));
        Assert.True(outcome.Result.IsSuccess);
        var rejection = outcome.Result.Value!.Rejection;
        Assert.NotNull(rejection);
        Assert.Equal(QuoteRejectionReason.OutsideServiceHours, rejection!.Code);
        Assert.Equal("No vehicle is registered.", rejection.Reason);
        var e = Assert.Single(outcome.Events);
        Assert.Equal(EventTypes.QuoteRejected, e.Type);
        Assert.Equal(1, e.Delta.Kpi!.Rejected);
        Assert.Equal(0, d.State.Version);
    }

    [Fact(Timeout = 10_000)]
    public async Task Quote_offers_a_window_inside_the_request_without_touching_the_plan()
    {
        await Task.Yield();
        var d = new Deciders();
        d.AddVehicle("bus");
        long version = d.State.Version;
        var departure = Start.AddMinutes(30);
        var outcome = d.Quotes.Quote(Rider, Trip(At(0, 1), At(0, 6), departure));
        var offer = outcome.Result.Value!.Offer;
        Assert.NotNull(offer);
        Assert.Equal("bus", offer!.VehicleId);
        Assert.True(offer.PromisedPickupStart >= departure, $"{offer.PromisedPickupStart:O} before {departure:O}");
        Assert.Equal(d.Context.Options.PromiseWindow, offer.PromisedPickupEnd - offer.PromisedPickupStart);
        Assert.True(offer.PredictedDropoff > offer.PromisedPickupStart);
        Assert.Equal(EventTypes.OfferIssued, Assert.Single(outcome.Events).Type);
        Assert.Equal(version, d.State.Version);
        Assert.Empty(d.State.RouteOf("bus"));
    }

    [Fact(Timeout = 10_000)]
    public async Task Confirm_after_the_offer_event_puts_both_stops_on_the_offered_vehicle()
    {
        await Task.Yield();
        var d = new Deciders();
        d.AddVehicle("bus");
        var quote = d.Quotes.Quote(Rider, Trip(At(0, 1), At(0, 6), Start.AddMinutes(30)));
        var offer = quote.Result.Value!.Offer!;
        Assert.Equal(DispatchErrorCode.NotFound, d.Bookings.Confirm(Rider, offer.OfferId).Result.Error!.Code);

        d.Apply(quote);
        var confirmed = d.Bookings.Confirm(Rider, offer.OfferId);
        Assert.True(confirmed.Result.IsSuccess, confirmed.Result.Error?.Message);
        Assert.Equal(BookingStatus.Confirmed, confirmed.Result.Value!.Status);
        Assert.Equal(EventTypes.BookingConfirmed, Assert.Single(confirmed.Events).Type);
        Assert.Empty(d.State.RouteOf("bus"));

        d.Apply(confirmed);
        var route = d.State.RouteOf("bus");
        Assert.Equal([StopKind.Pickup, StopKind.Delivery], route.Select(s => s.Kind).ToArray());
        Assert.All(route, s => Assert.Equal(offer.BookingId, s.TaskId));
        var view = d.Forecast.ViewOf(d.State.Bookings[offer.BookingId]);
        Assert.NotNull(view.EstimatedPickup);
        Assert.InRange(view.EstimatedPickup!.Value, offer.PromisedPickupStart, offer.PromisedPickupEnd);
    }

    [Fact(Timeout = 10_000)]
    public async Task Another_riders_offer_is_not_found()
    {
        await Task.Yield();
        var d = new Deciders();
        d.AddVehicle("bus");
        var quote = d.Quotes.Quote(Rider, Trip(At(0, 1), At(0, 6), Start.AddMinutes(30)));
        d.Apply(quote);
        var other = d.Bookings.Confirm(CallerIdentity.Rider("r2"), quote.Result.Value!.Offer!.OfferId);
        Assert.Equal(DispatchErrorCode.NotFound, other.Result.Error!.Code);
        Assert.Empty(other.Events);
    }

    [Fact(Timeout = 10_000)]
    public async Task A_pickup_past_its_window_is_late_then_missed_after_the_grace()
    {
        await Task.Yield();
        var d = new Deciders();
        d.AddVehicle("bus");
        var quote = d.Quotes.Quote(Rider, Trip(At(0, 1), At(0, 6), Start.AddMinutes(30)));
        d.Apply(quote);
        var offer = quote.Result.Value!.Offer!;
        d.Apply(d.Bookings.Confirm(Rider, offer.OfferId));

        Assert.Empty(d.Duties.DuePickups(offer.PromisedPickupEnd));
        var late = offer.PromisedPickupEnd.AddMinutes(1);
        var due = Assert.Single(d.Duties.DuePickups(late));
        var lateEvent = d.Duties.LatePickup(due.Booking, due.Task, late);
        Assert.Equal(EventTypes.PickupLate, lateEvent.Type);
        d.State.Apply(lateEvent.Delta, late);
        Assert.Empty(d.Duties.DuePickups(late));

        var missedAt = offer.PromisedPickupEnd + d.Context.Options.MissedPickupGrace + TimeSpan.FromMinutes(1);
        due = Assert.Single(d.Duties.DuePickups(missedAt));
        var missed = d.Duties.LatePickup(due.Booking, due.Task, missedAt);
        Assert.Equal(EventTypes.PickupMissed, missed.Type);
        Assert.Equal(0, missed.Delta.Kpi!.PickupsLate); // counted once, when it became late
        d.State.Apply(missed.Delta, missedAt);
        Assert.Empty(d.State.RouteOf("bus"));
        Assert.False(d.State.Tasks.ContainsKey(offer.BookingId));
    }

    [Fact(Timeout = 10_000)]
    public async Task Fix_rules_refuse_fixes_ahead_of_the_clock_and_out_of_order()
    {
        await Task.Yield();
        var d = new Deciders();
        var v = d.AddVehicle("bus") with { LastFixRecordedAt = Start };
        var now = Start.AddMinutes(5);
        Assert.Null(d.Rules.CheckFix(v, P(0, 1), now, now));
        Assert.Equal("recordedAt", d.Rules.CheckFix(v, P(0, 1), now + d.Context.Options.MaxFixAhead + TimeSpan.FromSeconds(1), now)!.Field);
        Assert.Equal("recordedAt", d.Rules.CheckFix(v, P(0, 1), Start.AddSeconds(-1), now)!.Field);
    }

    [Fact(Timeout = 10_000)]
    public async Task Reoptimisation_has_nothing_to_do_without_tasks_and_judges_a_dropped_request_as_no_improvement()
    {
        await Task.Yield();
        var d = new Deciders();
        d.AddVehicle("bus");
        Assert.Null(d.Reoptimisation.Prepare(EngineClock.ToSeconds(Start)));

        var quote = d.Quotes.Quote(Rider, Trip(At(0, 1), At(0, 6), Start.AddMinutes(30)));
        d.Apply(quote);
        d.Apply(d.Bookings.Confirm(Rider, quote.Result.Value!.Offer!.OfferId));
        var round = d.Reoptimisation.Prepare(EngineClock.ToSeconds(Start));
        Assert.NotNull(round);
        Assert.Equal(d.State.PlanVersion, round!.PlanVersion);
        Assert.Single(round.Problem.Requests);
        var dropped = round.Planning.Current with { Routes = [], Unserved = [0] };
        Assert.Null(d.Reoptimisation.Judge(round, dropped));
        // The plan itself is no improvement on itself.
        Assert.Null(d.Reoptimisation.Judge(round, round.Planning.Current));
    }
}
