using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Optimization.Model;
using EngineOptions = DemandMobility.Dispatch.Engine.DispatchOptions;

namespace DemandMobility.Server.Configuration;

/// <summary>Turns validated configuration into the dispatch engine's own option and registration records.</summary>
public static class EngineSettingsMapping
{
    /// <summary>
    /// The engine options from <c>Dispatch</c> and <c>Region</c>; settings without a configuration key keep
    /// the engine's defaults.
    /// </summary>
    public static EngineOptions ToEngineOptions(DispatchOptions dispatch, RegionOptions region)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        ArgumentNullException.ThrowIfNull(region);
        return new EngineOptions
        {
            PromiseWindow = dispatch.PromiseWindow,
            OfferExpiry = dispatch.OfferExpiry,
            MaxWalkingMetres = dispatch.MaxWalkingDistanceMeters,
            DetourFactor = dispatch.MaxRideTimeFactor,
            DetourConstant = dispatch.MaxRideTimeConstant,
            BookingHorizon = TimeSpan.FromDays(dispatch.BookingHorizonDays),
            MaxWait = dispatch.MaxWait,
            MinTripMetres = dispatch.MinTripMeters,
            MaxPassengersPerBooking = dispatch.MaxPassengersPerBooking,
            MaxLuggagePerBooking = dispatch.MaxLuggagePerBooking,
            ReoptimisationHorizon = dispatch.ReoptimisationHorizon,
            MissedPickupGrace = dispatch.MissedPickupGrace,
            ShiftStartGrace = dispatch.ShiftStartGrace,
            FixStoreInterval = dispatch.FixStoreInterval,
            // Configuration uses GeoJSON order [lon, lat]; the engine's GeoPoint is (lat, lon).
            ServiceArea = new ServiceArea(region.ServiceArea.Select(p => new GeoPoint(p[1], p[0])).ToList()),
            FixedStops = region.Stops.Select(s => new FixedStop(s.Id, s.Name, new GeoPoint(s.Lat, s.Lon))).ToImmutableArray(),
        };
    }

    /// <summary>
    /// The configured vehicles as registrations for the service day <paramref name="day"/>, with shift times
    /// interpreted in <c>Region:TimeZone</c> (so a 06:00 shift stays 06:00 local across daylight-saving changes).
    /// </summary>
    public static IReadOnlyList<VehicleRegistration> ToRegistrations(FleetOptions fleet, RegionOptions region, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(region.TimeZone);
        var result = new List<VehicleRegistration>(fleet.Vehicles.Count);
        foreach (var v in fleet.Vehicles)
        {
            result.Add(new VehicleRegistration(
                v.Id,
                new LoadVector(v.Seats, v.WheelchairPlaces, v.ParcelUnits, v.Luggage),
                new GeoPoint(v.DepotLat, v.DepotLon),
                Local(day, v.ShiftStart, zone),
                Local(day, v.ShiftEnd, zone)));
        }

        return result;
    }

    private static DateTimeOffset Local(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
