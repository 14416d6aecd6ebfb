using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using DemandMobility.Server.Configuration;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Makes the configured shifts recur daily: puts the configured shift of every service day from today to
/// today + <c>Dispatch:BookingHorizonDays</c> (local days of <c>Region:TimeZone</c>) into each default vehicle's
/// shift calendar. The engine skips windows it already has, so calling this at every start and every hour
/// stores only the days that came into the horizon since the last call (restart-safe, no duplicates).
/// </summary>
internal static class DefaultFleetCalendar
{
    /// <summary>Schedules the missing windows; returns how many configured vehicles the engine knows.</summary>
    /// <exception cref="DefaultFleetException">The engine refused a window (names the vehicle).</exception>
    public static async Task<int> ExtendAsync(DispatchEngine engine, FleetOptions fleet, RegionOptions region, int horizonDays,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(region.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var windows = new Dictionary<string, List<ShiftWindow>>(StringComparer.Ordinal);
        for (int d = 0; d <= horizonDays; d++)
            foreach (var r in EngineSettingsMapping.ToRegistrations(fleet, region, today.AddDays(d)))
            {
                if (r.ShiftEnd <= now) continue; // today's window already over: nothing to plan in it
                if (!windows.TryGetValue(r.VehicleId, out var list)) windows[r.VehicleId] = list = [];
                list.Add(new ShiftWindow(r.ShiftStart, r.ShiftEnd));
            }

        var dispatcher = CallerIdentity.Dispatcher("system");
        int changed = 0;
        foreach (var (vehicleId, list) in windows)
        {
            var result = await engine.ScheduleShiftsAsync(dispatcher, vehicleId, list, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess) { changed++; continue; }
            // A configured vehicle the log does not know (never registered) is left alone.
            if (result.Error.Code == DispatchErrorCode.NotFound) continue;
            throw new DefaultFleetException($"Fleet:Vehicles '{vehicleId}': shifts could not be scheduled: {result.Error.Message}");
        }
        return changed;
    }
}
