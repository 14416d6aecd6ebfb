using DemandMobility.Security;
using DemandMobility.Server.Configuration;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DemandMobility.Server.Security;

/// <summary>Registers JWT bearer authentication (one scheme for gRPC, gRPC-Web, JSON and the dashboard), the policies and the token issuer.</summary>
public static class SecurityHostExtensions
{
    /// <summary>Folder inside the data directory that holds ASP.NET Core's data-protection keys.</summary>
    public const string DataProtectionKeysFolder = "data-protection-keys";

    /// <summary>
    /// Adds the JwtBearer scheme (default scheme; HS256 only, issuer, audience, expiry required, <c>Jwt:ClockSkew</c>),
    /// the policies of <see cref="Policies"/>, <see cref="SigningKeySource"/> and <see cref="TokenIssuer"/>, and creates the
    /// development key file at start when no key is configured. Rejections are answered by <see cref="CallerRejection"/>.
    /// </summary>
    public static IHostApplicationBuilder AddJwtAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SigningKeySource(
            sp.GetRequiredService<IOptions<JwtOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolvedDataDirectory));
        services.AddSingleton(sp => new TokenIssuer(
            sp.GetRequiredService<IOptions<JwtOptions>>().Value, sp.GetRequiredService<SigningKeySource>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SigningKeyInitializer>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, SigningKeySource>((o, jwt, keys) =>
            {
                o.MapInboundClaims = false;
                o.Events = new BearerTokenEvents();
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKey = keys.Key,
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    // Pin the algorithm: a token claiming "none" or another algorithm is rejected whatever its key.
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = jwt.Value.ClockSkew,
                    NameClaimType = ClaimNames.Subject,
                    RoleClaimType = ClaimNames.Role,
                };
            });
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, CallerRejection>();

        // AddAuthentication brings ASP.NET Core data protection, whose key ring loads at start. Nothing here protects
        // data with it (tokens are checked with the JWT key), but with the default in-memory key store every start
        // warned that keys would be lost; keep them in the data folder instead.
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, ILoggerFactory>((o, storage, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(storage.Value.ResolvedDataDirectory, DataProtectionKeysFolder)), logs));
        return builder;
    }
}
