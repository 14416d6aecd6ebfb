using DemandMobility.Contracts.V1;
using DemandMobility.Server.Services;
using DemandMobility.Transit.Planning;
using ProtoItinerary = DemandMobility.Contracts.V1.Itinerary;
using ProtoLegMode = DemandMobility.Contracts.V1.LegMode;

namespace DemandMobility.Server.Transit;

/// <summary>Maps the planner's itineraries to <c>demandmobility.v1</c> messages.</summary>
internal static class JourneyMapping
{
    public static ProtoItinerary ToProto(DemandMobility.Transit.Planning.Itinerary itinerary, string id)
    {
        var result = new ProtoItinerary
        {
            ItineraryId = id,
            Departure = ProtoMapping.ToTimestamp(itinerary.Departure),
            Arrival = ProtoMapping.ToTimestamp(itinerary.Arrival),
        };
        foreach (var leg in itinerary.Legs) result.Legs.Add(ToProto(leg));
        return result;
    }

    public static JourneyLeg ToProto(ItineraryLeg leg)
    {
        var result = new JourneyLeg
        {
            Mode = ToProto(leg.Mode),
            From = ToProto(leg.From),
            To = ToProto(leg.To),
            Departure = ProtoMapping.ToTimestamp(leg.Departure),
            Arrival = ProtoMapping.ToTimestamp(leg.Arrival),
            RouteName = leg.Route ?? "",
            TripId = leg.TripId ?? "",
            Headsign = leg.Headsign ?? "",
            OfferId = leg.Offer?.OfferId ?? "",
        };
        if (leg.LatestDropoff is { } latest) result.LatestDropoff = ProtoMapping.ToTimestamp(latest);
        if (leg.EarliestPickup is { } earliest) result.EarliestPickup = ProtoMapping.ToTimestamp(earliest);
        return result;
    }

    private static ProtoLegMode ToProto(DemandMobility.Transit.Planning.LegMode mode) => mode switch
    {
        DemandMobility.Transit.Planning.LegMode.Walk => ProtoLegMode.Walk,
        DemandMobility.Transit.Planning.LegMode.OnDemand => ProtoLegMode.OnDemand,
        DemandMobility.Transit.Planning.LegMode.Rail => ProtoLegMode.Rail,
        DemandMobility.Transit.Planning.LegMode.Bus => ProtoLegMode.Bus,
        _ => ProtoLegMode.Unspecified,
    };

    private static JourneyPlace ToProto(Place p) => new()
    {
        Name = p.Name,
        Position = new Contracts.V1.GeoPoint { Lat = p.Latitude, Lon = p.Longitude },
        StopId = p.StopId ?? "",
    };
}
