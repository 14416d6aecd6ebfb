using DemandMobility.Contracts.V1;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Server.Services;

/// <summary>A booking view as the rider's stream update (status, delay, vehicle position, ETA), for both server modes.</summary>
internal static class BookingUpdateMapping
{
    public static BookingUpdate ToProto(BookingView view)
    {
        var update = new BookingUpdate
        {
            Booking = ProtoMapping.ToProto(view.Booking, view.EstimatedDropoff),
            Delay = ProtoMapping.ToDuration(Math.Max(0, view.DelaySeconds)),
        };
        if (view.VehiclePosition is { } p && view.Booking.VehicleId is { } vehicle)
        {
            update.Vehicle = new VehiclePosition
            {
                VehicleId = vehicle, Position = ProtoMapping.ToProto(p),
                HeadingDeg = view.HeadingDegrees ?? -1, SpeedMps = view.SpeedMetresPerSecond ?? 0,
            };
            if (view.PositionAt is { } at) update.Vehicle.RecordedAt = ProtoMapping.ToTimestamp(at);
        }
        var eta = view.Booking.Status == Dispatch.Domain.BookingStatus.OnBoard ? view.EstimatedDropoff : view.EstimatedPickup;
        if (eta is { } e) update.Eta = ProtoMapping.ToTimestamp(e);
        return update;
    }
}
