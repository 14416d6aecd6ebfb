using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Dashboard;

/// <summary>Maps the engine's <see cref="PastStateView"/> to the replay's JSON cards.</summary>
internal static class ReplayMapping
{
    public static ReplayCard ToCard(PastStateView p)
    {
        var vehicles = p.Vehicles.Select(v => new ReplayVehicleCard(v.Id, State(v.State), v.Position?.Latitude, v.Position?.Longitude, v.FixAt,
            v.ShiftEnd, v.PlannedStops,
            [.. v.NextStops.Select(s => new ReplayStopCard(s.TaskId, s.Pickup ? "pickup" : "dropoff", s.Point?.Latitude, s.Point?.Longitude, s.PlannedArrival))])).ToList();
        // A replay shows what was stored: an offer counts as offered until it was confirmed or swept, as the log has it.
        var bookings = p.Bookings.Select(b => new ReplayBookingCard(b.Id, Status(b.Status), b.RiderId, b.VehicleId,
            b.Pickup?.Latitude, b.Pickup?.Longitude, b.Dropoff?.Latitude, b.Dropoff?.Longitude, b.PromisedFrom, b.PromisedUntil, b.CreatedAt)).ToList();
        var alerts = p.Alerts.Reverse().Take(200).Select(a => new ReplayAlertCard(a.At, AlertKindNames.Of(a.Kind), a.VehicleId, a.BookingId, a.Message)).ToList();
        return new ReplayCard(p.At, p.Sequence, p.LastEventAt, p.LogSequence, vehicles, bookings, alerts);
    }

    private static string State(VehicleShiftState s) => s switch
    {
        VehicleShiftState.OnShift => "on-shift",
        VehicleShiftState.OutOfService => "out-of-service",
        _ => "off-shift",
    };

    private static string Status(BookingStatus s) => s switch
    {
        BookingStatus.Requested => "requested",
        BookingStatus.Offered => "offered",
        BookingStatus.Confirmed => "confirmed",
        BookingStatus.OnBoard => "onBoard",
        BookingStatus.Completed => "completed",
        BookingStatus.Cancelled => "cancelled",
        BookingStatus.NoShow => "noShow",
        _ => s.ToString(),
    };
}
