using DemandMobility.Server.Configuration;
using DemandMobility.Server.Security;

namespace DemandMobility.Server.Tests.Security;

/// <summary>A fixed clock for minting tokens in the past or future.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
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

    public static JwtTokenValidator Validator(JwtOptions options) => new(options, Keys(options));
}
