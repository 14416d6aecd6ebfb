using System.Text;
using DemandMobility.Security;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace DemandMobility.Server.Security;

/// <summary>
/// Answers a refused call in the caller's protocol, naming the reason: gRPC (and gRPC-Web) calls get a status
/// (UNAUTHENTICATED or PERMISSION_DENIED with the reason as message) instead of a bare HTTP 401/403, which gRPC
/// clients would report as "Bad gRPC response"; HTTP callers (dashboard, JSON) get 401/403 with
/// <c>WWW-Authenticate</c> (RFC 6750 §3) and a JSON <c>{"error": …}</c> body.
/// </summary>
internal sealed class CallerRejection : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Challenged && !authorizeResult.Forbidden)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
            return;
        }
        bool grpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
        if (authorizeResult.Challenged)
        {
            var authentication = await context.AuthenticateAsync().ConfigureAwait(false);
            string reason = TokenRejection.Describe(authentication.Failure);
            if (grpc)
            {
                WriteGrpcStatus(context, 16, reason); // UNAUTHENTICATED
                return;
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = authentication.Failure is null
                ? "Bearer"
                : $"Bearer error=\"invalid_token\", error_description=\"{reason.Replace("\"", "'", StringComparison.Ordinal)}\"";
            string help = authentication.Failure is null
                ? "The Authorization header is missing: send 'Bearer <token>' (mint one with 'dm token')."
                : reason;
            await context.Response.WriteAsJsonAsync(new { error = help }, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        string role = CallerContext.FromPrincipal(context.User)?.Role ?? "?";
        var allowed = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>().FirstOrDefault()?.AllowedRoles ?? [];
        string what = context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.Name ?? context.Request.Path.Value ?? "this";
        string message = $"Role '{role}' may not call {what}; allowed: {string.Join(", ", allowed.Select(r => $"'{r}'"))}.";
        if (grpc)
        {
            WriteGrpcStatus(context, 7, message); // PERMISSION_DENIED
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(new { error = message }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>A trailers-only gRPC response: HTTP 200 whose headers carry the status (gRPC over HTTP/2 spec, "Responses").</summary>
    private static void WriteGrpcStatus(HttpContext context, int status, string message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = context.Request.ContentType!.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase)
            ? context.Request.ContentType.Split(';')[0]
            : "application/grpc";
        response.Headers["grpc-status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
    }

    /// <summary>grpc-message encoding: UTF-8, bytes outside printable ASCII and '%' as %XX.</summary>
    private static string PercentEncode(string message)
    {
        var sb = new StringBuilder(message.Length);
        foreach (byte b in Encoding.UTF8.GetBytes(message))
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%') sb.Append((char)b);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
