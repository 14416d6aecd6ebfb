using DemandMobility.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;

namespace DemandMobility.Server.Security;

/// <summary>Why a bearer token was refused, in words a client developer can act on (never an exception type name).</summary>
internal static class TokenRejection
{
    public const string Missing = "No bearer token: send 'authorization: Bearer <token>' (mint one with 'dm token').";
    public const string NotBearer = "The Authorization header is not a Bearer token.";
    public const string Empty = "The bearer token is empty.";

    public static readonly string IncompleteClaims =
        $"The token lacks a valid '{ClaimNames.Role}' ({string.Join("|", Roles.All)}) and '{ClaimNames.Subject}' claim, " +
        $"or is a driver token without '{ClaimNames.Vehicle}'.";

    /// <summary>The message for a failed authentication (the failure JwtBearer or <see cref="BearerTokenEvents"/> reported).</summary>
    public static string Describe(Exception? failure) => failure switch
    {
        null => Missing,
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token's audience is not accepted.",
        SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted (HS256 only).",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed (not a compact JWS of three base64url parts).",
        SecurityTokenException => "The token is invalid.",
        // Failures raised by BearerTokenEvents carry our own message.
        AuthenticationFailureException => failure.Message,
        _ => "The token is invalid.",
    };
}
