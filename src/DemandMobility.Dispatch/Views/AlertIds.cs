using System.Globalization;

namespace DemandMobility.Dispatch.Views;

/// <summary>
/// A stable id for an alert, made of what the alert is (time to the tick, kind, vehicle, booking): alerts are stored
/// inside their events, so the same alert gets the same id after every replay.
/// </summary>
public static class AlertIds
{
    /// <summary>E.g. <c>20300604T081500.0000000Z/PromiseNotKept/bus-2/7f3a…</c>.</summary>
    public static string Of(DispatchAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return string.Create(CultureInfo.InvariantCulture,
            $"{alert.At.UtcDateTime:yyyyMMdd'T'HHmmss.fffffff'Z'}/{alert.Kind}/{alert.VehicleId}/{alert.BookingId}");
    }
}
