using DemandMobility.Dispatch.Domain;
using DemandMobility.Rpc;
using DemandMobility.Rpc.Server;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Services;

/// <summary>The authenticated caller of an RPC and the role checks every service applies.</summary>
internal static class RpcCaller
{
    /// <summary>
    /// The caller if their role is one of <paramref name="roles"/>: UNAUTHENTICATED without a valid token
    /// (the authentication interceptor normally rejects those first), PERMISSION_DENIED for another role.
    /// </summary>
    public static CallerContext Require(ServerCallContext context, string rpc, params string[] roles)
    {
        var caller = CallerContext.FromPrincipal(context.User)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "A valid bearer token is required."));
        if (!caller.IsInRole(roles))
            throw RpcErrors.PermissionDenied($"Role '{caller.Role}' may not call {rpc}; allowed: {string.Join(", ", roles)}.");
        return caller;
    }

    /// <summary>The engine identity; planners read as dispatchers (they only reach read-only RPCs).</summary>
    public static CallerIdentity Engine(CallerContext caller) =>
        caller.ToEngineIdentity() ?? CallerIdentity.Dispatcher(caller.Subject);

    /// <summary>Drivers act only for the vehicle in their token.</summary>
    public static void RequireVehicle(CallerContext caller, string vehicleId)
    {
        if (caller.Role == Roles.Driver && !string.Equals(caller.VehicleId, vehicleId, StringComparison.Ordinal))
            throw RpcErrors.PermissionDenied($"The token is for vehicle '{caller.VehicleId}', not '{vehicleId}'.");
    }
}
