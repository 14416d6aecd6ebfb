using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using DemandMobility.Server.Configuration;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Registers a configured fleet for today's service day (the next day's for a vehicle whose shift today is over) (vehicles already in the log are left as they are) and puts
/// on shift those whose shift covers <c>now</c>: the single-process server's default fleet at start and each
/// service area's fleet when the area activates.
/// </summary>
internal static class DefaultFleetRegistration
{
    /// <summary>Returns how many vehicles were newly registered and how many shifts were started.</summary>
    /// <exception cref="DefaultFleetException">The engine refused a vehicle (names it).</exception>
    public static async Task<(int Registered, int Started)> RegisterAsync(DispatchEngine engine, FleetOptions fleet, RegionOptions region,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dispatcher = CallerIdentity.Dispatcher("system");
        var zone = TimeZoneInfo.FindSystemTimeZoneById(region.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var todays = EngineSettingsMapping.ToRegistrations(fleet, region, today);
        var tomorrows = EngineSettingsMapping.ToRegistrations(fleet, region, today.AddDays(1));
        int registered = 0, started = 0;
        for (int i = 0; i < todays.Count; i++)
        {
            // A server started after a vehicle's shift has ended today registers it for its next service day: the
            // engine refuses a shift that is already over, and the evening start must work like the morning one.
            var registration = todays[i].ShiftEnd > now ? todays[i] : tomorrows[i];
            var result = await engine.RegisterVehicleAsync(dispatcher, registration, cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess) registered++;
            else if (result.Error.Code != DispatchErrorCode.AlreadyExists)
                throw new DefaultFleetException($"Fleet:Vehicles '{registration.VehicleId}' could not be registered: {result.Error.Message}");
            if (registration.ShiftStart <= now && now < registration.ShiftEnd)
            {
                var shift = await engine.StartShiftAsync(dispatcher, registration.VehicleId, cancellationToken).ConfigureAwait(false);
                if (shift.IsSuccess) started++;
            }
        }
        return (registered, started);
    }
}
