using System.Security.Claims;
using DemandMobility.Security;
using DemandMobility.Server.Configuration;
using DemandMobility.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Tests.Security;

/// <summary>A fixed clock for minting tokens in the past or future.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>What the server's bearer scheme made of a token: the caller, or the message a client would see.</summary>
internal sealed record TokenCheck(ClaimsPrincipal? Principal, CallerContext? Caller, string? Error)
{
    public bool Succeeded => Principal is not null;
}

internal static class JwtTestKit
{
    public static JwtOptions Options(string? key = null) => new()
    {
        Issuer = "dm-test-issuer",
        Audience = "dm-test-audience",
        SigningKey = key ?? Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3)).ToArray()),
        ClockSkew = TimeSpan.Zero,
    };

    public static SigningKeySource Keys(JwtOptions options) => new(options, dataDirectory: "/nonexistent-unused");

    public static string Mint(JwtOptions options, CallerContext caller, DateTimeOffset? now = null, TimeSpan? lifetime = null) =>
        new TokenIssuer(options, Keys(options), new FixedTimeProvider(now ?? DateTimeOffset.UtcNow)).Issue(caller, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>
    /// Authenticates <c>Authorization: Bearer <paramref name="token"/></c> with the scheme exactly as the server
    /// registers it (<see cref="SecurityHostExtensions.AddJwtAuth"/>), without a network round trip.
    /// </summary>
    public static async Task<TokenCheck> ValidateAsync(JwtOptions options, string token, string dataDirectory = "/nonexistent-unused")
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = dataDirectory }));
        builder.AddJwtAuth();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = "Bearer " + token;
        var result = await context.AuthenticateAsync();
        if (result.Succeeded) return new TokenCheck(result.Principal, CallerContext.FromPrincipal(result.Principal!), null);
        return new TokenCheck(null, null, TokenRejection.Describe(result.Failure));
    }
}
