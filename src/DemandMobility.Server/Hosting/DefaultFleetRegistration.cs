using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Results;
using DemandMobility.Server.Configuration;

namespace DemandMobility.Server.Hosting;

/// <summary>
/// Registers a configured fleet for today's service day (vehicles already in the log are left as they are) and puts
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
        int registered = 0, started = 0;
        foreach (var registration in EngineSettingsMapping.ToRegistrations(fleet, region, today))
        {
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
