using DemandMobility.Cluster.Areas;
using DemandMobility.Cluster.Grains;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Routing;

/// <summary>
/// Sends each call to the grain of the area that owns it: a quote to the area of its origin (its destination must
/// lie in that area or in one of its configured destination areas), everything else to the area named by the
/// booking, offer or vehicle id (<see cref="AreaScopedId"/>). Ids leave scoped and come back scoped, so the engines
/// keep their own ids and the callers never see two areas' ids collide. Any silo or client can route.
/// </summary>
public sealed partial class ServiceAreaRouter(IGrainFactory grains, ServiceAreaMap areas)
{
    /// <summary>The areas routed to.</summary>
    public ServiceAreaMap Areas => areas;

    /// <summary>The grain owning <paramref name="areaId"/>.</summary>
    public IServiceAreaGrain Area(string areaId) => grains.GetGrain<IServiceAreaGrain>(areaId);

    /// <summary>Quotes a trip in the area of its origin.</summary>
    public async Task<DispatchResult<QuoteOutcome>> RequestQuoteAsync(CallerIdentity caller, QuoteRequest request, string? idempotencyKey = null)
    {
        var origin = Locate(request.Origin, "origin");
        if (!origin.IsSuccess) return origin.Error;
        var destination = Locate(request.Destination, "destination");
        if (!destination.IsSuccess) return destination.Error;
        var area = origin.Value.Area;
        if (!ServiceAreaMap.AllowsDestination(area, destination.Value.Area.Id))
            return DispatchError.Invalid("destination",
                $"A trip starting in service area '{area.Id}' cannot end in area '{destination.Value.Area.Id}'.");
        var local = request with { Origin = origin.Value.Local, Destination = destination.Value.Local };
        var result = await Area(area.Id).RequestQuoteAsync(Localise(caller), local, idempotencyKey).ConfigureAwait(false);
        return result.IsSuccess ? result.Value with { Offer = result.Value.Offer is { } o ? Scope(area.Id, o) : null } : result;
    }

    /// <summary>Confirms an offer (area from its id).</summary>
    public Task<DispatchResult<Booking>> ConfirmOfferAsync(CallerIdentity caller, string offerId, string? idempotencyKey = null) =>
        RouteAsync("offerId", "Offer", offerId, (area, local) => Area(area).ConfirmOfferAsync(Localise(caller), local, idempotencyKey), Scope);

    /// <summary>Cancels a booking (area from its id).</summary>
    public Task<DispatchResult<Booking>> CancelBookingAsync(CallerIdentity caller, string bookingId, string? idempotencyKey = null) =>
        RouteAsync("bookingId", "Booking", bookingId, (area, local) => Area(area).CancelBookingAsync(Localise(caller), local, idempotencyKey), Scope);

    /// <summary>A booking with its forecast (area from its id).</summary>
    public Task<DispatchResult<BookingView>> GetBookingAsync(CallerIdentity caller, string bookingId) =>
        RouteAsync("bookingId", "Booking", bookingId, (area, local) => Area(area).GetBookingAsync(Localise(caller), local),
            (area, v) => v with { Booking = Scope(area, v.Booking) });

    /// <summary>Registers a vehicle in the area its id names (<c>{area}.{vehicle}</c>).</summary>
    public Task<DispatchResult<FleetVehicle>> RegisterVehicleAsync(CallerIdentity caller, VehicleRegistration registration) =>
        RouteAsync("vehicleId", "Vehicle", registration.VehicleId,
            (area, local) => Area(area).RegisterVehicleAsync(Localise(caller), registration with { VehicleId = local }),
            (area, v) => v with { Id = AreaScopedId.Compose(area, v.Id) });

    /// <summary>Puts a vehicle on shift (area from its id).</summary>
    public Task<DispatchResult<FleetVehicle>> StartShiftAsync(CallerIdentity caller, string vehicleId) =>
        RouteAsync("vehicleId", "Vehicle", vehicleId, (area, local) => Area(area).StartShiftAsync(Localise(caller), local),
            (area, v) => v with { Id = AreaScopedId.Compose(area, v.Id) });

    private async Task<DispatchResult<T>> RouteAsync<T>(string field, string what, string scopedId,
        Func<string, string, Task<DispatchResult<T>>> call, Func<string, T, T> scope)
    {
        if (!AreaScopedId.TryParse(scopedId, out var areaId, out var local))
            return DispatchError.Invalid(field, $"{what} id '{scopedId}' does not name a service area ('area.id').");
        if (areas.Find(areaId) is null) return DispatchError.NotFound(what, scopedId);
        var result = await call(areaId, local).ConfigureAwait(false);
        return result.IsSuccess ? scope(areaId, result.Value) : result;
    }

    private DispatchResult<(ServiceAreaDefinition Area, PlaceRef Local)> Locate(PlaceRef place, string field)
    {
        if (place.Coordinate is { } point)
        {
            if (!point.IsValid) return DispatchError.Invalid(field, $"The {field} {point} is not a valid coordinate.");
            return areas.AreaOf(point) is { } area
                ? (area, place)
                : DispatchError.Invalid(field, $"The {field} {point} lies outside every service area.");
        }
        if (AreaScopedId.TryParse(place.StopId, out var areaId, out var stop) && areas.Find(areaId) is { } named)
            return (named, place with { StopId = stop });
        return DispatchError.Invalid(field, $"The {field} needs a coordinate or an area-scoped stop id ('area.stop').");
    }

    // A driver's token names the cluster-wide vehicle id; the engine knows the local one.
    private static CallerIdentity Localise(CallerIdentity caller) =>
        caller.Role == CallerRole.Driver && AreaScopedId.TryParse(caller.Subject, out _, out var local) ? caller with { Subject = local } : caller;

    private static Offer Scope(string area, Offer offer) => offer with
    {
        OfferId = AreaScopedId.Compose(area, offer.OfferId),
        BookingId = AreaScopedId.Compose(area, offer.BookingId),
        VehicleId = AreaScopedId.Compose(area, offer.VehicleId),
    };

    private static Booking Scope(string area, Booking booking) => booking with
    {
        Id = AreaScopedId.Compose(area, booking.Id),
        Offer = booking.Offer is null ? null : Scope(area, booking.Offer),
        VehicleId = booking.VehicleId is null ? null : AreaScopedId.Compose(area, booking.VehicleId),
    };
}
