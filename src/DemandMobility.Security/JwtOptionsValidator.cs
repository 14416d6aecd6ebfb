using Microsoft.Extensions.Options;

namespace DemandMobility.Security;

/// <summary>Checks <see cref="JwtOptions"/> at start, including the explicit key's encoding and length.</summary>
public sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    /// <summary>Minimum HS256 key length (RFC 7518 §3.2: a key of the same size as the hash output, 256 bits).</summary>
    public const int MinimumKeyBytes = 32;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, JwtOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Issuer)) errors.Add("Jwt:Issuer must not be empty.");
        if (string.IsNullOrWhiteSpace(o.Audience)) errors.Add("Jwt:Audience must not be empty.");
        if (o.ClockSkew < TimeSpan.Zero || o.ClockSkew > TimeSpan.FromMinutes(5))
            errors.Add($"Jwt:ClockSkew {o.ClockSkew} must be between 00:00:00 and 00:05:00.");
        if (!string.IsNullOrEmpty(o.SigningKey))
        {
            var buffer = new byte[o.SigningKey.Length];
            if (!Convert.TryFromBase64String(o.SigningKey.Trim(), buffer, out var length))
                errors.Add("Jwt:SigningKey must be base64.");
            else if (length < MinimumKeyBytes)
                errors.Add($"Jwt:SigningKey decodes to {length} bytes; HS256 needs at least {MinimumKeyBytes} (256 bit).");
        }

        if (o.SigningKeyFile.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            errors.Add($"Jwt:SigningKeyFile '{o.SigningKeyFile}' contains characters not allowed in a path.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
