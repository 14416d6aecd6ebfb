using Microsoft.Extensions.Configuration;

namespace DemandMobility.Security;

/// <summary>
/// Mints a token outside the server (for <c>dm token</c>): reads the <c>Jwt</c> settings from <c>DM_*</c>
/// environment variables as the server does, and signs with the same key (explicit key, or the key file in
/// the data directory, created if the server has not started yet).
/// </summary>
public static class LocalTokenMinter
{
    /// <summary>Describes the outcome: the token and where its key came from.</summary>
    /// <param name="Token">The compact JWT.</param>
    /// <param name="KeySource">"Jwt:SigningKey" or the key file path.</param>
    /// <param name="ExpiresAt">Expiry of the token.</param>
    public sealed record Minted(string Token, string KeySource, DateTimeOffset ExpiresAt);

    /// <summary>
    /// Mints a token for <paramref name="caller"/>. <paramref name="dataDirectory"/> overrides <c>DM_DataDirectory</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid role, subject, vehicle or lifetime (message names the problem).</exception>
    /// <exception cref="SigningKeyException">The key file or configured key is invalid.</exception>
    public static Minted Mint(CallerContext caller, TimeSpan lifetime, string? dataDirectory, TimeProvider? timeProvider = null)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables(DataDirectory.EnvironmentPrefix).Build();
        var jwt = new JwtOptions();
        configuration.GetSection(JwtOptions.SectionName).Bind(jwt);
        var validation = new JwtOptionsValidator().Validate(null, jwt);
        if (validation.Failed) throw new ArgumentException(validation.FailureMessage);

        var directory = DataDirectory.Resolve(string.IsNullOrWhiteSpace(dataDirectory) ? configuration["DataDirectory"] : dataDirectory);
        var keys = new SigningKeySource(jwt, directory);
        var clock = timeProvider ?? TimeProvider.System;
        var token = new TokenIssuer(jwt, keys, clock).Issue(caller, lifetime);
        return new Minted(token, keys.UsesExplicitKey ? "Jwt:SigningKey" : keys.KeyFilePath, clock.GetUtcNow() + lifetime);
    }
}
