using DemandMobility.Server.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DemandMobility.Server.Security;

/// <summary>Registers JWT bearer authentication, role policies and the token issuer.</summary>
public static class SecurityHostExtensions
{
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
        return builder;
    }
}
