using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Server.Services;

/// <summary>A protobuf quote request → the engine's <see cref="QuoteRequest"/> (shared by the single-process and the cluster booking services).</summary>
internal static class QuoteRequestMapping
{
    public static QuoteRequest From(RequestQuoteRequest request)
    {
        var origin = RequestValidation.Place(request.Origin, "origin");
        var destination = RequestValidation.Place(request.Destination, "destination");
        DateTimeOffset? departure = null, arrival = null;
        switch (request.TimeCase)
        {
            case RequestQuoteRequest.TimeOneofCase.EarliestDeparture:
                departure = RequestValidation.Time(request.EarliestDeparture, "earliest_departure");
                break;
            case RequestQuoteRequest.TimeOneofCase.LatestArrival:
                arrival = RequestValidation.Time(request.LatestArrival, "latest_arrival");
                break;
            default:
                throw RpcErrors.Invalid("earliest_departure", "exactly one of earliest_departure and latest_arrival is required.");
        }
        int passengers = request.Passengers;
        int wheelchairs = RequestValidation.Range(request.WheelchairPlaces, 0, Math.Max(0, passengers), "wheelchair_places");
        var riderKind = request.RiderKind switch
        {
            Contracts.V1.RiderKind.Unspecified or Contracts.V1.RiderKind.Passenger => Dispatch.Domain.RiderKind.Passenger,
            Contracts.V1.RiderKind.Pupil => Dispatch.Domain.RiderKind.Pupil,
            _ => throw RpcErrors.Invalid("rider_kind", $"{(int)request.RiderKind} is not a known rider kind."),
        };
        var maxRide = RequestValidation.OptionalDuration(request.MaxRideTime, TimeSpan.FromMinutes(1), TimeSpan.FromHours(3), "max_ride_time");
        string? group = RequestValidation.OptionalServiceGroup(request.ServiceGroup, "service_group");
        var traveller = request.TravellerName.Length + request.TravellerPhone.Length > 0
            ? new Dispatch.Domain.Traveller(NullIfEmpty(request.TravellerName), NullIfEmpty(request.TravellerPhone))
            : null;
        return new QuoteRequest(origin, destination, departure, arrival, passengers - wheelchairs, wheelchairs, request.Luggage,
            riderKind, maxRide, group, traveller);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
