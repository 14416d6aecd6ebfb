using System.Security.Claims;

namespace DemandMobility.Security;

/// <summary>
/// Who is calling, as carried in a token: what <see cref="TokenIssuer"/> signs and what the server reads back
/// from <c>HttpContext.User</c> with <see cref="FromPrincipal"/>.
/// </summary>
/// <param name="Role">One of <see cref="Roles.All"/>.</param>
/// <param name="Subject">The token's subject (rider, driver, shop or staff id).</param>
/// <param name="VehicleId">The driver's vehicle; null for other roles.</param>
public sealed record CallerContext(string Role, string Subject, string? VehicleId)
{
    /// <summary>Reads the caller from a principal of a validated token; null when the claims are incomplete.</summary>
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
}
