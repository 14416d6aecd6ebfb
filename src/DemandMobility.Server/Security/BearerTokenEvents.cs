using DemandMobility.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace DemandMobility.Server.Security;

/// <summary>
/// The checks JwtBearer does not make itself: an <c>Authorization</c> header of another scheme is refused (not
/// ignored), and a valid signature is not enough: the token must name a known role and subject, drivers a vehicle.
/// </summary>
internal sealed class BearerTokenEvents : JwtBearerEvents
{
    private const string Prefix = "Bearer ";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        string? header = context.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return Task.CompletedTask;
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && !header.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            context.Fail(TokenRejection.NotBearer);
        else if (header.Length <= Prefix.Length || string.IsNullOrWhiteSpace(header[Prefix.Length..]))
            context.Fail(TokenRejection.Empty);
        return Task.CompletedTask;
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        if (context.Principal is null || CallerContext.FromPrincipal(context.Principal) is null)
            context.Fail(TokenRejection.IncompleteClaims);
        return Task.CompletedTask;
    }
}
