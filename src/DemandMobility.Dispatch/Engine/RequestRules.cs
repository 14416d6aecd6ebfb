using System.Collections.Immutable;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Travel;
using DemandMobility.Dispatch.Views;
using DemandMobility.Optimization.Model;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The rules a request must pass before anything is planned: places, times, trip limits, GPS plausibility, service
/// groups, fleet capacity and who may act for a vehicle. Each check names the offending field.
/// </summary>
internal sealed class RequestRules(EngineContext context)
{
    private readonly EngineState _state = context.State;
    private readonly DispatchOptions _options = context.Options;
    private readonly TravelCache _travel = context.Travel;

    private DateTimeOffset Now => context.Now;

    /// <summary>
    /// Resolves a place to the stop a vehicle can serve: a fixed stop by id, the nearest fixed stop when the
    /// service uses only fixed stops, or the snapped coordinate (virtual stop). Errors name the field.
    /// </summary>
    internal DispatchResult<VirtualStop> ResolvePlace(PlaceRef? place, string field)
    {
        if (place is null) return DispatchError.Invalid(field, $"{field} is required.");
        if ((place.Coordinate is null) == (place.StopId is null))
            return DispatchError.Invalid(field, $"{field} must give exactly one of a coordinate and a stop id.");
        if (place.StopId is string stopId)
        {
            foreach (var s in _options.FixedStops)
                if (s.Id == stopId) return new VirtualStop(s.Point, 0, s.Id, s.Name);
            return DispatchError.Invalid($"{field}.stopId", $"Unknown stop id '{stopId}'.");
        }

        var c = place.Coordinate!.Value;
        if (!double.IsFinite(c.Latitude) || c.Latitude is < -90 or > 90)
            return DispatchError.Invalid($"{field}.latitude", $"Latitude {c.Latitude} is outside −90…90.");
        if (!double.IsFinite(c.Longitude) || c.Longitude is < -180 or > 180)
            return DispatchError.Invalid($"{field}.longitude", $"Longitude {c.Longitude} is outside −180…180.");
        if (_options.ServiceArea is { } area && !area.Contains(c))
            return DispatchError.Invalid(field, $"{field} {c} lies outside the service area.");

        if (!_options.FixedStops.IsDefaultOrEmpty)
        {
            FixedStop? best = null;
            double bestMetres = double.PositiveInfinity;
            foreach (var s in _options.FixedStops)
            {
                double m = GeoMath.HaversineMetres(c, s.Point);
                if (m < bestMetres) { bestMetres = m; best = s; }
            }
            if (best is null || bestMetres > _options.MaxWalkingMetres)
                return DispatchError.Invalid(field, $"No stop within {_options.MaxWalkingMetres:F0} m of {field} {c}.");
            return new VirtualStop(best.Point, bestMetres, best.Id, best.Name);
        }

        var snap = _travel.Service.Snap(c);
        if (snap.Status != SnapStatus.Snapped)
            return DispatchError.Invalid(field, $"No drivable road near {field} {c}.");
        if (snap.WalkingMetres > _options.MaxWalkingMetres)
            return DispatchError.Invalid(field,
                $"The nearest drivable road is {snap.WalkingMetres:F0} m from {field} {c}, more than {_options.MaxWalkingMetres:F0} m.");
        return new VirtualStop(snap.Point, snap.WalkingMetres, null, _options.StopNames?.NameOf(snap.Point));
    }

    /// <summary>Checks a requested time against the clock and the booking horizon.</summary>
    internal DispatchError? CheckTime(DateTimeOffset t, string field, DateTimeOffset now)
    {
        // The field travels in the error's Field (the transport prefixes it), so the message names only the times, in ISO 8601 UTC.
        if (t < now - _options.PastTolerance)
            return DispatchError.Invalid(field, $"{Iso(t)} lies in the past (now {Iso(now)}).");
        if (t > now + _options.BookingHorizon)
            return DispatchError.Invalid(field, $"{Iso(t)} is beyond the booking horizon of {_options.BookingHorizon.TotalDays:F0} days (latest {Iso(now + _options.BookingHorizon)}).");
        return null;
    }

    /// <summary>The booking rules of one trip: a minimum distance between its stops and per-booking limits.</summary>
    internal DispatchError? CheckTripRules(QuoteRequest r, VirtualStop origin, VirtualStop destination)
    {
        double metres = GeoMath.HaversineMetres(origin.Point, destination.Point);
        if (metres < _options.MinTripMetres)
            return DispatchError.Invalid("destination", $"The destination must be at least {_options.MinTripMetres:F0} m from the origin ({metres:F0} m apart).");
        if (r.Passengers + r.WheelchairPlaces > _options.MaxPassengersPerBooking)
            return DispatchError.Invalid("passengers",
                $"{r.Passengers + r.WheelchairPlaces} travellers are more than one booking may carry ({_options.MaxPassengersPerBooking}); book the group in parts.");
        if (r.Luggage > _options.MaxLuggagePerBooking)
            return DispatchError.Invalid("luggage", $"{r.Luggage} luggage places are more than one booking may ask for ({_options.MaxLuggagePerBooking}).");
        return null;
    }

    /// <summary>
    /// Whether a GPS fix is plausible: recorded not far ahead of the clock, not before the vehicle's last accepted
    /// fix (whatever stream or call brought it), and inside the service area. Null when it is.
    /// </summary>
    internal DispatchError? CheckFix(FleetVehicle v, GeoPoint position, DateTimeOffset recordedAt, DateTimeOffset now)
    {
        if (recordedAt > now + _options.MaxFixAhead)
            return DispatchError.Invalid("recordedAt", $"The fix was recorded at {recordedAt:O}, more than {_options.MaxFixAhead.TotalMinutes:F0} min after the dispatcher's clock ({now:O}).");
        // The last recorded time is part of the stored state, so the order holds across calls and restarts.
        if (v.LastFixRecordedAt is { } last && recordedAt < last)
            return DispatchError.Invalid("recordedAt", $"The fix was recorded at {recordedAt:O}, before the last accepted fix of '{v.Id}' ({last:O}); out-of-order fixes are ignored.");
        if (_options.ServiceArea is { } area && !area.Contains(position))
            return DispatchError.Invalid("position", $"Position {position} lies outside the service area.");
        return null;
    }

    /// <summary>A trip's service group must be well formed and served by at least one registered vehicle.</summary>
    internal DispatchError? CheckServiceGroup(string? group)
    {
        if (group is null) return null;
        if (!ServiceGroupRule.IsValid(group)) return DispatchError.Invalid("serviceGroup", ServiceGroupRule.Description);
        foreach (var v in _state.Vehicles.Values)
            if (v.ServiceGroup == group) return null;
        return DispatchError.Invalid("serviceGroup", $"No vehicle is registered for service group '{group}'.");
    }

    /// <summary>Rejects a load no vehicle of the fleet could ever carry, naming the dimension.</summary>
    internal DispatchError? CheckFleetCanCarry(int seats, int wheelchairs, int parcelUnits, int luggage)
    {
        if (_state.Vehicles.Count == 0) return null; // an empty fleet is a capacity shortage, reported as a rejection
        int maxSeats = 0, maxWheel = 0, maxParcel = 0, maxExtra = 0;
        foreach (var v in _state.Vehicles.Values)
        {
            maxSeats = Math.Max(maxSeats, v.Capacity.Seats);
            maxWheel = Math.Max(maxWheel, v.Capacity.Wheelchairs);
            maxParcel = Math.Max(maxParcel, v.Capacity.ParcelUnits);
            maxExtra = Math.Max(maxExtra, v.Capacity.Extra);
        }
        if (seats > maxSeats) return DispatchError.Invalid("passengers", $"{seats} passengers are more than any vehicle holds ({maxSeats}).");
        if (wheelchairs > maxWheel) return DispatchError.Invalid("wheelchairPlaces", $"{wheelchairs} wheelchair places are more than any vehicle has ({maxWheel}).");
        if (parcelUnits > maxParcel) return DispatchError.Invalid("units", $"{parcelUnits} parcel units are more than any vehicle holds ({maxParcel}).");
        if (luggage > maxExtra) return DispatchError.Invalid("luggage", $"{luggage} luggage places are more than any vehicle has ({maxExtra}).");
        return null;
    }

    /// <summary>A time as ISO 8601 in UTC to the second (2026-03-02T07:00:00Z), the form riders' apps and logs read.</summary>
    internal static string Iso(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Drivers act only for their own vehicle; dispatchers for any. Unknown vehicles are not found.</summary>
    internal DispatchResult<FleetVehicle> VehicleFor(CallerIdentity caller, string vehicleId)
    {
        if (caller.Role is not (CallerRole.Dispatcher or CallerRole.Driver))
            return new DispatchError(DispatchErrorCode.PermissionDenied, $"A {caller.Role} cannot act for vehicles.");
        if (!_state.Vehicles.TryGetValue(vehicleId, out var v) || !caller.CanSee(vehicleId))
            return DispatchError.NotFound("Vehicle", vehicleId);
        return v;
    }
}
