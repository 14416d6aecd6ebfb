using System.Security.Cryptography;
using System.Text;

namespace DemandMobility.Security;

/// <summary>
/// The development HS256 key kept beside the database: created once with a cryptographically random
/// 512-bit key (permissions 0600 on Unix), then reused by the server and <c>dm token</c>.
/// </summary>
public static class SigningKeyFile
{
    /// <summary>Bytes in a generated key (512 bit; HS256 needs at least 256).</summary>
    public const int GeneratedKeyBytes = 64;

    /// <summary>Minimum accepted key length in bytes (256 bit).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// Reads the key at <paramref name="path"/>, creating the file with a new random key when it does not exist.
    /// Safe against a concurrent first start: the file is created exclusively and a loser reads the winner's key.
    /// </summary>
    /// <exception cref="SigningKeyException">The file exists but holds no valid key, or cannot be written.</exception>
    public static byte[] LoadOrCreate(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (File.Exists(fullPath)) return Load(fullPath);

        var key = RandomNumberGenerator.GetBytes(GeneratedKeyBytes);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(fullPath, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            return key;
        }
        catch (IOException) when (File.Exists(fullPath))
        {
            // Another process created it between our check and our create: use theirs.
            return Load(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SigningKeyException($"Cannot create the JWT signing key file '{fullPath}': {ex.Message}", ex);
        }
    }

    /// <summary>Reads an existing key file (base64 text, surrounding whitespace ignored).</summary>
    /// <exception cref="SigningKeyException">Unreadable, not base64, or shorter than 256 bit.</exception>
    public static byte[] Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.ASCII).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SigningKeyException($"Cannot read the JWT signing key file '{path}': {ex.Message}", ex);
        }

        return Decode(text, $"JWT signing key file '{path}'");
    }

    /// <summary>Decodes a base64 key, naming <paramref name="source"/> in the error.</summary>
    public static byte[] Decode(string base64, string source)
    {
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var length))
            throw new SigningKeyException($"{source} is not base64 text.");
        if (length < MinimumKeyBytes)
            throw new SigningKeyException($"{source} holds {length} bytes; HS256 needs at least {MinimumKeyBytes} (256 bit).");
        return buffer[..length];
    }
}
