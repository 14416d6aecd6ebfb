using System.Security.Claims;

namespace DemandMobility.Server.Security;

/// <summary>Result of <see cref="JwtTokenValidator.ValidateAsync"/>: a principal and caller, or the reason for rejection.</summary>
/// <param name="Principal">The authenticated principal (role claim type <c>role</c>, name claim type <c>sub</c>); null when rejected.</param>
/// <param name="Caller">The caller read from the claims; null when rejected.</param>
/// <param name="Error">Why the token was rejected; null when accepted.</param>
public sealed record TokenValidationOutcome(ClaimsPrincipal? Principal, CallerContext? Caller, string? Error)
{
    /// <summary>True when the token was accepted.</summary>
    public bool Succeeded => Principal is not null;

    internal static TokenValidationOutcome Reject(string error) => new(null, null, error);
}
