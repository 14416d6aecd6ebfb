using DemandMobility.Dispatch.Domain;
using DemandMobility.Security;

namespace DemandMobility.Server.Security;

/// <summary>The engine's view of a token's caller.</summary>
public static class CallerIdentities
{
    /// <summary>
    /// Drivers act as their vehicle (the engine keys driver rights by vehicle id). Planners have no engine identity
    /// (null): they may only call read-only monitoring RPCs.
    /// </summary>
    public static CallerIdentity? ToEngineIdentity(this CallerContext caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role switch
        {
            Roles.Rider => CallerIdentity.Rider(caller.Subject),
            Roles.Driver => CallerIdentity.Driver(caller.VehicleId!),
            Roles.Dispatcher => CallerIdentity.Dispatcher(caller.Subject),
            Roles.Shop => CallerIdentity.Shop(caller.Subject),
            _ => null,
        };
    }
}
