using DemandMobility.Dispatch.Domain;
using DemandMobility.Security;
using DemandMobility.Server.Security;
using Grpc.Core;

namespace DemandMobility.Server.Services;

/// <summary>The authenticated caller of an RPC (roles are enforced by the endpoint's policy before the service runs).</summary>
internal static class RpcCaller
{
    /// <summary>The caller of the token the JwtBearer scheme accepted.</summary>
    public static CallerContext Of(ServerCallContext context) =>
        CallerContext.FromPrincipal(context.GetHttpContext().User)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, "A valid bearer token is required."));

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
