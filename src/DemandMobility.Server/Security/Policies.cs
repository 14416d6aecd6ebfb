using DemandMobility.Security;
using Microsoft.AspNetCore.Authorization;

namespace DemandMobility.Server.Security;

/// <summary>
/// Named authorisation policies: one per role (e.g. <c>RequireAuthorization(Roles.Dispatcher)</c>) and one per
/// group of callers a service admits. Services and the dashboard are mapped with these; the driver ↔ vehicle
/// rule depends on the request and stays in the fleet service.
/// </summary>
public static class Policies
{
    /// <summary>BookingService: riders (own bookings) and dispatchers.</summary>
    public const string Booking = "booking";

    /// <summary>ParcelService: shops (own parcels) and dispatchers.</summary>
    public const string Parcels = "parcels";

    /// <summary>FleetService: drivers (own vehicle) and dispatchers.</summary>
    public const string Fleet = "fleet";

    /// <summary>MonitorService: dispatchers and planners.</summary>
    public const string Monitor = "monitor";

    /// <summary>PlaceService (the region's geocoder): riders, dispatchers and planners.</summary>
    public const string Places = "places";

    /// <summary>The control-room console's reads (<c>/dashboard/api/*</c>): dispatchers, and planners read-only (actions stay dispatcher-only).</summary>
    public const string Console = "console";

    /// <summary>SimulationControl: planners and dispatchers.</summary>
    public const string Simulation = "simulation";

    /// <summary>PlannerService and the Hangfire dashboard (read-only for planners): planners and dispatchers.</summary>
    public const string PlannerJobs = "planner-jobs";

    /// <summary>Adds every policy to <paramref name="options"/>.</summary>
    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in Roles.All) options.AddPolicy(role, policy => policy.RequireRole(role));
        options.AddPolicy(Booking, policy => policy.RequireRole(Roles.Rider, Roles.Dispatcher));
        options.AddPolicy(Parcels, policy => policy.RequireRole(Roles.Shop, Roles.Dispatcher));
        options.AddPolicy(Fleet, policy => policy.RequireRole(Roles.Driver, Roles.Dispatcher));
        options.AddPolicy(Monitor, policy => policy.RequireRole(Roles.Dispatcher, Roles.Planner));
        options.AddPolicy(Places, policy => policy.RequireRole(Roles.Rider, Roles.Dispatcher, Roles.Planner));
        options.AddPolicy(Console, policy => policy.RequireRole(Roles.Dispatcher, Roles.Planner));
        options.AddPolicy(Simulation, policy => policy.RequireRole(Roles.Planner, Roles.Dispatcher));
        options.AddPolicy(PlannerJobs, policy => policy.RequireRole(Roles.Planner, Roles.Dispatcher));
    }
}
