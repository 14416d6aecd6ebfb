using System.Security.Claims;
using DemandMobility.Server.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DemandMobility.Server.Security;

/// <summary>
/// Validates HS256 bearer tokens (RFC 7519 / RFC 7515) with <see cref="JsonWebTokenHandler"/>: signature,
/// issuer, audience, lifetime (exp required, nbf honoured, <c>Jwt:ClockSkew</c> tolerance), and that the
/// claims name a known role (drivers with a vehicle).
/// </summary>
public sealed class JwtTokenValidator
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly Lazy<TokenValidationParameters> _parameters;

    /// <summary>Creates the validator; the key is resolved on first validation.</summary>
    public JwtTokenValidator(JwtOptions options, SigningKeySource keys)
    {
        _parameters = new Lazy<TokenValidationParameters>(() => new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKey = keys.Key,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            // Pin the algorithm: a token claiming "none" or another algorithm is rejected whatever its key.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = options.ClockSkew,
            NameClaimType = ClaimNames.Subject,
            RoleClaimType = ClaimNames.Role,
        });
    }

    /// <summary>Validates <paramref name="token"/> (the compact JWS without the "Bearer " prefix).</summary>
    public async Task<TokenValidationOutcome> ValidateAsync(string token)
    {
        if (string.IsNullOrWhiteSpace(token)) return TokenValidationOutcome.Reject("The bearer token is empty.");
        TokenValidationResult result;
        try
        {
            result = await _handler.ValidateTokenAsync(token, _parameters.Value).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return TokenValidationOutcome.Reject($"Malformed token: {ex.Message}");
        }

        if (!result.IsValid)
            return TokenValidationOutcome.Reject(Describe(result.Exception));

        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        var caller = CallerContext.FromPrincipal(principal);
        if (caller is null)
        {
            return TokenValidationOutcome.Reject(
                $"The token lacks a valid '{ClaimNames.Role}' ({string.Join("|", Roles.All)}) and '{ClaimNames.Subject}' claim, " +
                $"or is a driver token without '{ClaimNames.Vehicle}'.");
        }

        return new TokenValidationOutcome(principal, caller, null);
    }

    private static string Describe(Exception? ex) => ex switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token's audience is not accepted.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted (HS256 only).",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        SecurityTokenMalformedException => "The token is malformed.",
        null => "The token is invalid.",
        _ => $"The token is invalid: {ex.GetType().Name}.",
    };
}
