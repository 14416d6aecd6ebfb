using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Security;

/// <summary>
/// ASP.NET Core authentication for <c>Authorization: Bearer &lt;jwt&gt;</c> headers, validated by
/// <see cref="JwtTokenValidator"/> (a small replacement for JwtBearer, which cannot be restored here).
/// No header → no result (endpoints requiring authorisation then challenge with 401).
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    JwtTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme name registered by <see cref="SecurityHostExtensions.AddJwtAuth"/>.</summary>
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header is not a Bearer token.");

        var outcome = await validator.ValidateAsync(header[Prefix.Length..].Trim()).ConfigureAwait(false);
        if (!outcome.Succeeded) return AuthenticateResult.Fail(outcome.Error!);
        Context.Items[typeof(CallerContext)] = outcome.Caller;
        return AuthenticateResult.Success(new AuthenticationTicket(outcome.Principal!, Scheme.Name));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // RFC 6750 §3: tell the client which scheme is expected and, when a token was sent, why it failed.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var failure = (await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false)).Failure;
        Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{failure.Message.Replace("\"", "'", StringComparison.Ordinal)}\"";
    }
}
