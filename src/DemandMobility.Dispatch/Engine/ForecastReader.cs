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
/// The read side: forecasts of bookings, manifests and the fleet view, from the committed plan as forecast now
/// (<see cref="RoutePlanner.LiveRoute"/>). Runs under the engine's reader lock; changes nothing.
/// </summary>
internal sealed class ForecastReader(EngineContext context, RoutePlanner planner)
{
    private readonly EngineState _state = context.State;
    private readonly DispatchOptions _options = context.Options;
    private readonly TravelCache _travel = context.Travel;

    private DateTimeOffset Now => context.Now;

    private const int FleetViewNextStops = 3;

    /// <summary>Planned times closer than this are the same instant (floating-point sums of travel and service times).</summary>
    private const double SameInstantSeconds = 1e-3;

    /// <summary>The traveller of a phone booking, decrypted; null when none, erased, or the key is not in this vault.</summary>
    internal Traveller? TravellerOf(Booking b) =>
        b.SealedTraveller is { } sealedValue ? SealedTraveller.Open(sealedValue, _options.PersonalData.KeyFor(b.Id, create: false), b.Id) : null;

    /// <summary>A booking with its forecast pickup and drop-off, delay and the vehicle's latest fix.</summary>
    internal BookingView ViewOf(Booking b)
    {
        DateTimeOffset? pickup = null, dropoff = null;
        double delay = 0;
        GeoPoint? position = null;
        FleetVehicle? vehicle = null;
        if (b.VehicleId is string vid && _state.Tasks.TryGetValue(b.Id, out var task) && _state.Vehicles.TryGetValue(vid, out var v))
        {
            position = v.LastPosition;
            vehicle = v;
            foreach (var s in planner.LiveRoute(v, EngineClock.ToSeconds(Now)))
            {
                if (s.TaskId != b.Id) continue;
                if (s.Kind == StopKind.Pickup)
                {
                    pickup = EngineClock.FromSeconds(s.ServiceStart);
                    delay = Math.Max(delay, s.Arrival - task.PickupWindow.Latest);
                }
                else
                {
                    dropoff = EngineClock.FromSeconds(s.ServiceStart);
                    delay = Math.Max(delay, s.Arrival - task.DeliveryWindow.Latest);
                }
            }
        }
        return new BookingView(b, pickup, dropoff, delay, position,
            vehicle?.LastFixAt, vehicle?.LastHeading, vehicle?.LastSpeed, b.LateSince is not null);
    }

    /// <summary>Every vehicle's position, load, next stops and largest forecast delay.</summary>
    internal FleetView FleetNow()
    {
        var list = ImmutableArray.CreateBuilder<VehicleStatusView>(_state.VehicleOrder.Count);
        foreach (var id in _state.VehicleOrder) list.Add(StatusOf(_state.Vehicles[id]));
        return new FleetView(Now, list.MoveToImmutable());
    }

    /// <summary>One vehicle's position, load, next stops and largest forecast delay (as in <see cref="FleetNow"/>).</summary>
    internal VehicleStatusView StatusOf(FleetVehicle v)
    {
        var manifest = ManifestOf(v, FleetViewNextStops);
        double delay = 0;
        foreach (var s in planner.LiveRoute(v, EngineClock.ToSeconds(Now))) delay = Math.Max(delay, Lateness(s));
        return new VehicleStatusView(v.Id, v.State, v.LastPosition, v.LastFixAt, planner.LoadOnBoard(v.Id), v.Capacity, manifest.Stops, delay);
    }

    /// <summary>The stop's name: a fixed stop's configured name, else the namer's (reverse geocoding, in memory).</summary>
    private string? StopNameAt(GeoPoint point)
    {
        foreach (var s in _options.FixedStops)
            if (s.Point == point) return s.Name;
        return _options.StopNames?.NameOf(point);
    }

    private double Lateness(PlannedStop s)
    {
        var t = _state.Tasks[s.TaskId];
        return Math.Max(0, s.Arrival - (s.Kind == StopKind.Pickup ? t.PickupWindow.Latest : t.DeliveryWindow.Latest));
    }

    /// <summary>
    /// Groups consecutive route stops at the same point into one manifest stop (drop-offs, then boardings), unless a
    /// drop-off follows a pickup there or a pickup is planned after a wait: that one opens the next stop, so the
    /// manifest keeps the planned order and times.
    /// </summary>
    internal ManifestView ManifestOf(FleetVehicle v, int maxStops)
    {
        var stops = ImmutableArray.CreateBuilder<ManifestStop>();
        var route = planner.LiveRoute(v, EngineClock.ToSeconds(Now));
        int i = 0;
        while (i < route.Length && stops.Count < maxStops)
        {
            var first = _state.Tasks[route[i].TaskId];
            var point = route[i].Kind == StopKind.Pickup ? first.Pickup : first.Delivery;
            var board = ImmutableArray.CreateBuilder<ManifestEntry>();
            var alight = ImmutableArray.CreateBuilder<ManifestEntry>();
            double arrival = route[i].Arrival, departure = route[i].Departure, delay = 0, boardingStart = double.NaN;
            for (; i < route.Length; i++)
            {
                var s = route[i];
                var t = _state.Tasks[s.TaskId];
                var p = s.Kind == StopKind.Pickup ? t.Pickup : t.Delivery;
                // A drop-off planned after a pickup at the same point starts a new stop: a manifest stop is served
                // drop-offs first, and serving this one before the pickup would start the pickup later than planned.
                if (p != point || (s.Kind == StopKind.Delivery && board.Count > 0)) break;
                // A pickup planned after a wait (its window opens later, or the plan delays it to keep a rider on board
                // within the ride limit) starts a new stop too: a manifest stop is served in one go, so grouping it
                // would board that rider early and count the ride from then.
                if (s.Kind == StopKind.Pickup && board.Count + alight.Count > 0 && s.ServiceStart > departure + SameInstantSeconds) break;
                var window = s.Kind == StopKind.Pickup ? t.PickupWindow : t.DeliveryWindow;
                string owner = t.Kind == RequestKind.Parcel
                    ? _state.Parcels.TryGetValue(t.Id, out var parcel) ? parcel.ShopId : ""
                    : _state.Bookings.TryGetValue(t.Id, out var booking) ? booking.RiderId : "";
                var entry = new ManifestEntry(t.Id, t.Kind == RequestKind.Parcel, owner, t.Load,
                    double.IsFinite(window.Earliest) ? EngineClock.FromSeconds(window.Earliest) : null,
                    double.IsFinite(window.Latest) ? EngineClock.FromSeconds(window.Latest) : null,
                    t.Kind != RequestKind.Parcel && _state.Bookings.TryGetValue(t.Id, out var rider) ? TravellerOf(rider) : null);
                (s.Kind == StopKind.Pickup ? board : alight).Add(entry);
                if (s.Kind == StopKind.Pickup && double.IsNaN(boardingStart)) boardingStart = s.ServiceStart;
                departure = s.Departure;
                delay = Math.Max(delay, Lateness(s));
            }
            stops.Add(new ManifestStop(point, EngineClock.FromSeconds(arrival), EngineClock.FromSeconds(departure), delay,
                board.ToImmutable(), alight.ToImmutable(), StopNameAt(point))
            {
                BoardingStart = double.IsNaN(boardingStart) ? null : EngineClock.FromSeconds(boardingStart),
            });
        }
        return new ManifestView(v.Id, v.State, stops.ToImmutable());
    }
}
