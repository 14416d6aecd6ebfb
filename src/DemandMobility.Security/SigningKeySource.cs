using Microsoft.IdentityModel.Tokens;

namespace DemandMobility.Security;

/// <summary>
/// Resolves the HS256 key once: <c>Jwt:SigningKey</c> when set (wins), else <c>Jwt:SigningKeyFile</c>,
/// else <see cref="JwtOptions.DefaultKeyFileName"/> in the data directory (created on first use).
/// </summary>
public sealed class SigningKeySource
{
    private readonly Lazy<SymmetricSecurityKey> _key;

    /// <summary>Creates the source; nothing is read or written until <see cref="Key"/> is first used.</summary>
    public SigningKeySource(JwtOptions jwt, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        KeyFilePath = string.IsNullOrWhiteSpace(jwt.SigningKeyFile)
            ? Path.Combine(dataDirectory, JwtOptions.DefaultKeyFileName)
            : Path.GetFullPath(jwt.SigningKeyFile);
        var explicitKey = jwt.SigningKey;
        _key = new Lazy<SymmetricSecurityKey>(() => new SymmetricSecurityKey(
            string.IsNullOrWhiteSpace(explicitKey)
                ? SigningKeyFile.LoadOrCreate(KeyFilePath)
                : SigningKeyFile.Decode(explicitKey, "Jwt:SigningKey")));
        UsesExplicitKey = !string.IsNullOrWhiteSpace(explicitKey);
    }

    /// <summary>The key file used when no explicit key is configured.</summary>
    public string KeyFilePath { get; }

    /// <summary>True when <c>Jwt:SigningKey</c> is configured (the key file is then ignored).</summary>
    public bool UsesExplicitKey { get; }

    /// <summary>The signing and validation key.</summary>
    /// <exception cref="SigningKeyException">The key file or setting is invalid.</exception>
    public SymmetricSecurityKey Key => _key.Value;
}
