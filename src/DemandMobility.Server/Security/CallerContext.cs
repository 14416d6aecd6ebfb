using System.Security.Claims;
using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Server.Security;

/// <summary>
/// Who is calling, as established from a validated token. gRPC services take it from
/// <c>HttpContext.User</c> with <see cref="FromPrincipal"/>, check the RPC's allowed roles, and pass
/// <see cref="ToEngineIdentity"/> into the dispatch engine.
/// </summary>
/// <param name="Role">One of <see cref="Roles.All"/>.</param>
/// <param name="Subject">The token's subject (rider, driver, shop or staff id).</param>
/// <param name="VehicleId">The driver's vehicle; null for other roles.</param>
public sealed record CallerContext(string Role, string Subject, string? VehicleId)
{
    /// <summary>Reads the caller from a principal produced by <see cref="JwtTokenValidator"/>; null when the claims are incomplete.</summary>
    public static CallerContext? FromPrincipal(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var role = principal.FindFirst(ClaimNames.Role)?.Value;
        var subject = principal.FindFirst(ClaimNames.Subject)?.Value;
        var vehicle = principal.FindFirst(ClaimNames.Vehicle)?.Value;
        if (!Roles.IsKnown(role) || string.IsNullOrEmpty(subject)) return null;
        if (role == Roles.Driver && string.IsNullOrEmpty(vehicle)) return null;
        return new CallerContext(role!, subject, role == Roles.Driver ? vehicle : null);
    }

    /// <summary>True when the caller has one of the given roles.</summary>
    public bool IsInRole(params ReadOnlySpan<string> roles)
    {
        foreach (var r in roles)
            if (r == Role) return true;
        return false;
    }

    /// <summary>
    /// The engine's view of the caller. Drivers act as their vehicle (the engine keys driver rights by vehicle id).
    /// Planners have no engine identity (null): they may only call read-only monitoring RPCs.
    /// </summary>
    public CallerIdentity? ToEngineIdentity() => Role switch
    {
        Roles.Rider => CallerIdentity.Rider(Subject),
        Roles.Driver => CallerIdentity.Driver(VehicleId!),
        Roles.Dispatcher => CallerIdentity.Dispatcher(Subject),
        Roles.Shop => CallerIdentity.Shop(Subject),
        _ => null,
    };
}
