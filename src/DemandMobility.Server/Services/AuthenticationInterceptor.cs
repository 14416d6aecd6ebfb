using DemandMobility.Rpc;
using DemandMobility.Rpc.Server;
using DemandMobility.Server.Security;
using Microsoft.AspNetCore.Authentication;

namespace DemandMobility.Server.Services;

/// <summary>
/// Runs before every RPC: authenticates the <c>authorization: Bearer</c> token with the JWT scheme and rejects
/// the call with UNAUTHENTICATED (naming why) when it is missing or invalid, as a gRPC status rather than an
/// HTTP 401, so clients see the reason.
/// </summary>
internal static class AuthenticationInterceptor
{
    public static async Task AuthenticateAsync(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var result = await http.AuthenticateAsync(BearerAuthenticationHandler.SchemeName).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            string why = result.Failure?.Message ?? "No bearer token: send 'authorization: Bearer <token>' (mint one with 'dm token').";
            throw new RpcException(new Status(StatusCode.Unauthenticated, why));
        }
        http.User = result.Principal;
    }
}
