namespace DemandMobility.Security;

/// <summary>Section <c>Jwt</c>: bearer token validation and issuing.</summary>
public sealed class JwtOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Jwt";

    /// <summary>Default name of the generated development key file in the data directory.</summary>
    public const string DefaultKeyFileName = "jwt-signing.key";

    /// <summary><c>Jwt:Issuer</c>: the <c>iss</c> every token must carry.</summary>
    public string Issuer { get; set; } = "demandmobility";

    /// <summary><c>Jwt:Audience</c>: the <c>aud</c> every token must carry.</summary>
    public string Audience { get; set; } = "demandmobility-api";

    /// <summary>
    /// <c>Jwt:SigningKey</c>: explicit HS256 key, base64, at least 32 bytes decoded. Wins over the key file.
    /// </summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// <c>Jwt:SigningKeyFile</c>: key file (base64 text); empty = <see cref="DefaultKeyFileName"/> in the data
    /// directory, created with a random 512-bit key on first start.
    /// </summary>
    public string SigningKeyFile { get; set; } = "";

    /// <summary><c>Jwt:ClockSkew</c>: tolerated clock difference for exp/nbf, 0..5 min.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
