using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DemandMobility.Security;

/// <summary>Mints HS256 bearer tokens that the server's JwtBearer scheme accepts (same issuer, audience and key).</summary>
public sealed class TokenIssuer(JwtOptions options, SigningKeySource keys, TimeProvider timeProvider)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Creates a token for <paramref name="caller"/> valid from now for <paramref name="lifetime"/>.</summary>
    /// <exception cref="ArgumentException">Unknown role, empty subject, a driver without vehicle, or a non-positive lifetime.</exception>
    public string Issue(CallerContext caller, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Roles.IsKnown(caller.Role))
            throw new ArgumentException($"Role '{caller.Role}' is unknown; use one of {string.Join(", ", Roles.All)}.", nameof(caller));
        if (string.IsNullOrWhiteSpace(caller.Subject))
            throw new ArgumentException("Subject must not be empty.", nameof(caller));
        if (caller.Role == Roles.Driver && string.IsNullOrWhiteSpace(caller.VehicleId))
            throw new ArgumentException("A driver token needs a vehicle id.", nameof(caller));
        if (lifetime <= TimeSpan.Zero)
            throw new ArgumentException("Lifetime must be positive.", nameof(lifetime));

        var now = timeProvider.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [ClaimNames.Subject] = caller.Subject,
            [ClaimNames.Role] = caller.Role,
        };
        if (caller.Role == Roles.Driver) claims[ClaimNames.Vehicle] = caller.VehicleId!;

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });
    }
}
