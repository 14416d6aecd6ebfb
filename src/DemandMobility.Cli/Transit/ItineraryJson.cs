using System.Text.Json;
using System.Text.Json.Serialization;
using DemandMobility.Transit.Planning;

namespace DemandMobility.Cli.Transit;

/// <summary>The JSON shape of <c>dm transit plan --json</c>: itineraries with legs; modes walk, on_demand, rail, bus.</summary>
internal static class ItineraryJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string ModeName(LegMode m) => m switch
    {
        LegMode.Walk => "walk",
        LegMode.OnDemand => "on_demand",
        LegMode.Rail => "rail",
        _ => "bus",
    };

    public sealed record PlaceDto(string Name, double Lat, double Lon, string? StopId);

    public sealed record LegDto(string Mode, DateTimeOffset Departure, DateTimeOffset Arrival, PlaceDto From, PlaceDto To,
        string? Route, string? TripId, string? Headsign, string? OfferId, DateTimeOffset? PromisedPickupStart, DateTimeOffset? PromisedPickupEnd,
        DateTimeOffset? LatestDropoff, DateTimeOffset? EarliestPickup);

    public sealed record ItineraryDto(DateTimeOffset Departure, DateTimeOffset Arrival, IReadOnlyList<LegDto> Legs);

    public static ItineraryDto Of(Itinerary i, ServiceClock clock) => new(Local(i.Departure, clock), Local(i.Arrival, clock), i.Legs.Select(l => new LegDto(
        ModeName(l.Mode), Local(l.Departure, clock), Local(l.Arrival, clock), Place(l.From), Place(l.To), l.Route, l.TripId, l.Headsign,
        l.Offer?.OfferId, Local(l.Offer?.PromisedPickupStart, clock), Local(l.Offer?.PromisedPickupEnd, clock),
        Local(l.LatestDropoff, clock), Local(l.EarliestPickup, clock))).ToList());

    private static PlaceDto Place(Place p) => new(p.Name, p.Latitude, p.Longitude, p.StopId);

    private static DateTimeOffset Local(DateTimeOffset t, ServiceClock clock) => TimeZoneInfo.ConvertTime(t, clock.Zone);

    private static DateTimeOffset? Local(DateTimeOffset? t, ServiceClock clock) => t is { } v ? Local(v, clock) : null;
}
