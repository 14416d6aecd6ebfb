using DemandMobility.Server.Security;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// The API's access check: the same HS256 bearer tokens as the gRPC services, validated by the same
/// <see cref="JwtTokenValidator"/>, and the dispatcher role (the dashboard shows riders' trips and every vehicle).
/// </summary>
internal static class DashboardAuth
{
    private const string Prefix = "Bearer ";

    /// <summary>Null when the caller may read; otherwise the 401/403 answer naming the problem.</summary>
    public static async Task<IResult?> RejectAsync(HttpContext context, JwtTokenValidator validator)
    {
        string? header = context.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
            return Unauthorized(context, null, "The Authorization header is missing: send 'Bearer <token>' with a dispatcher token (dm token --role dispatcher).");
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            return Unauthorized(context, "The Authorization header is not a Bearer token.", "The Authorization header is not a Bearer token.");
        var outcome = await validator.ValidateAsync(header[Prefix.Length..].Trim()).ConfigureAwait(false);
        if (!outcome.Succeeded) return Unauthorized(context, outcome.Error, outcome.Error!);
        if (outcome.Caller!.Role != Roles.Dispatcher)
            return Results.Json(new DashboardError($"Role '{outcome.Caller.Role}' may not read the dashboard; it needs a '{Roles.Dispatcher}' token."),
                statusCode: StatusCodes.Status403Forbidden);
        return null;
    }

    private static IResult Unauthorized(HttpContext context, string? tokenError, string message)
    {
        // RFC 6750 §3, as the gRPC side's BearerAuthenticationHandler answers.
        context.Response.Headers.WWWAuthenticate = tokenError is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{tokenError.Replace("\"", "'", StringComparison.Ordinal)}\"";
        return Results.Json(new DashboardError(message), statusCode: StatusCodes.Status401Unauthorized);
    }
}
