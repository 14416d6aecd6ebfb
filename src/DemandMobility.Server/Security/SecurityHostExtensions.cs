using DemandMobility.Server.Configuration;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Security;

/// <summary>Registers JWT bearer authentication, role policies and the token issuer.</summary>
public static class SecurityHostExtensions
{
    /// <summary>Folder inside the data directory that holds ASP.NET Core's data-protection keys.</summary>
    public const string DataProtectionKeysFolder = "data-protection-keys";

    /// <summary>
    /// Adds the <see cref="BearerAuthenticationHandler"/> scheme (default scheme), one authorisation policy per
    /// role name (e.g. <c>[Authorize(Policy = Roles.Dispatcher)]</c>), <see cref="SigningKeySource"/>,
    /// <see cref="JwtTokenValidator"/> and <see cref="TokenIssuer"/>, and creates the development key file at
    /// start when no key is configured. Call after <see cref="ConfigurationHostExtensions.AddDemandMobilityConfiguration"/>.
    /// </summary>
    public static IHostApplicationBuilder AddJwtAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SigningKeySource(
            sp.GetRequiredService<IOptions<JwtOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.ResolvedDataDirectory));
        services.AddSingleton(sp => new JwtTokenValidator(sp.GetRequiredService<IOptions<JwtOptions>>().Value, sp.GetRequiredService<SigningKeySource>()));
        services.AddSingleton(sp => new TokenIssuer(
            sp.GetRequiredService<IOptions<JwtOptions>>().Value, sp.GetRequiredService<SigningKeySource>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<SigningKeyInitializer>();

        services.AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(options =>
        {
            foreach (var role in Roles.All) options.AddPolicy(role, policy => policy.RequireRole(role));
        });

        // AddAuthentication brings ASP.NET Core data protection, whose key ring loads at start. Nothing here protects
        // data with it (tokens are checked with the JWT key), but with the default in-memory key store every start
        // warned that keys would be lost; keep them in the data folder instead.
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<StorageOptions>, ILoggerFactory>((o, storage, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.Combine(storage.Value.ResolvedDataDirectory, DataProtectionKeysFolder)), logs));
        return builder;
    }
}
