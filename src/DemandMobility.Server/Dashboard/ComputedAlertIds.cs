using System.Globalization;
using DemandMobility.Dispatch.Engine;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// Stable ids of the alerts the console computes from the live state, one per occurrence, so an acknowledgement holds
/// for that occurrence only: a new lateness of another booking, a tracker silent again after a new fix, a later
/// rejection, another no-show each get a new id and show up unacknowledged.
/// </summary>
internal static class ComputedAlertIds
{
    /// <summary>The vehicle forecast late; the occurrence is its first late booking.</summary>
    public static string Late(string vehicleId, string? firstLateBooking) =>
        $"{DispatchEngine.ComputedAlertPrefix}late/{vehicleId}/{firstLateBooking ?? "-"}";

    /// <summary>The vehicle without recent fix; the occurrence is its last fix (or none).</summary>
    public static string NoFix(string vehicleId, DateTimeOffset? lastFix) =>
        $"{DispatchEngine.ComputedAlertPrefix}no-fix/{vehicleId}/{(lastFix is { } f ? Stamp(f) : "never")}";

    /// <summary>Rejected quotes; the occurrence is the latest rejection.</summary>
    public static string Rejected(DateTimeOffset? lastRejection) =>
        $"{DispatchEngine.ComputedAlertPrefix}rejected/{(lastRejection is { } r ? Stamp(r) : "-")}";

    /// <summary>A rider who did not come.</summary>
    public static string NoShow(string bookingId) => $"{DispatchEngine.ComputedAlertPrefix}no-show/{bookingId}";

    /// <summary>What an id names: its kind, vehicle and booking (the parts a kind has; null otherwise).</summary>
    public static (string Kind, string? VehicleId, string? BookingId) Parse(string id)
    {
        var parts = id[Math.Min(id.Length, DispatchEngine.ComputedAlertPrefix.Length)..].Split('/');
        string? At(int i) => parts.Length > i && parts[i] is { Length: > 0 } p && p != "-" ? p : null;
        return parts[0] switch
        {
            "late" => ("late", At(1), At(2)),
            "no-fix" => ("no-fix", At(1), null),
            "no-show" => ("no-show", null, At(1)),
            var kind => (kind, null, null),
        };
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture);
}
