using DemandMobility.Contracts.V1;
using DemandMobility.Server.Services;
using DemandMobility.Transit.Planning;
using Grpc.Core;

namespace DemandMobility.Server.Transit;

/// <summary>
/// <c>demandmobility.v1.JourneyService</c>: validates the requests and maps them to the <see cref="JourneyPlanner"/>
/// and its itineraries back. The on-demand legs are quoted and booked for the caller (the token's subject).
/// </summary>
public sealed class JourneyGrpcService(TransitPlanning transit, PlannedJourneys planned, TimeProvider clock) : JourneyService.JourneyServiceBase
{
    /// <summary>How long an itinerary without on-demand legs (nothing to book) can still be confirmed.</summary>
    private static readonly TimeSpan PlainItineraryHold = TimeSpan.FromMinutes(15);

    /// <summary>Plans itineraries and holds each for <see cref="ConfirmJourney"/>.</summary>
    public override async Task<PlanJourneyResponse> PlanJourney(PlanJourneyRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        var from = RequestValidation.Point(request.From, "from");
        var to = RequestValidation.Point(request.To, "to");
        var time = RequestValidation.Time(request.Time, "time");
        int passengers = request.Passengers == 0 ? 1 : RequestValidation.Range(request.Passengers, 1, 8, "passengers");
        var planner = Planner();
        var plan = await planner.PlanAsync(new JourneyRequest(from, to, time, request.ArriveBy, caller.Subject, passengers),
            context.CancellationToken).ConfigureAwait(false);
        var response = new PlanJourneyResponse();
        response.Notes.Add(plan.Notes);
        foreach (var itinerary in plan.Itineraries)
        {
            var offers = itinerary.Legs.Where(l => l.Offer is not null).Select(l => l.Offer!.ExpiresAt).ToList();
            var expires = offers.Count > 0 ? offers.Min() : clock.GetUtcNow() + PlainItineraryHold;
            var proto = JourneyMapping.ToProto(itinerary, planned.Add(caller.Subject, itinerary, expires));
            if (offers.Count > 0) proto.ExpiresAt = ProtoMapping.ToTimestamp(expires);
            response.Itineraries.Add(proto);
        }
        return response;
    }

    /// <summary>Books all on-demand legs of a planned itinerary or none; a retry returns the same bookings.</summary>
    public override async Task<ConfirmJourneyResponse> ConfirmJourney(ConfirmJourneyRequest request, ServerCallContext context)
    {
        var caller = RpcCaller.Of(context);
        string id = RequestValidation.Id(request.ItineraryId, "itinerary_id");
        var planner = Planner();
        var ids = await planned.ConfirmingAsync(async () =>
        {
            var entry = planned.Find(id, caller.Subject)
                ?? throw RpcErrors.NotFound($"Itinerary '{id}' is unknown or has expired; plan the journey again.");
            if (entry.BookingIds is { } done) return done;
            var (bookings, error) = await planner.ConfirmAsync(caller.Subject, entry.Itinerary, context.CancellationToken).ConfigureAwait(false);
            if (error is not null) throw RpcErrors.Precondition($"Itinerary '{id}' could not be booked, nothing was booked: {error}");
            planned.Confirmed(id, bookings);
            return bookings;
        }, context.CancellationToken).ConfigureAwait(false);
        var response = new ConfirmJourneyResponse { ItineraryId = id };
        response.BookingIds.Add(ids);
        return response;
    }

    private JourneyPlanner Planner() => transit.Planner ?? throw RpcErrors.Precondition("no timetable configured");
}
