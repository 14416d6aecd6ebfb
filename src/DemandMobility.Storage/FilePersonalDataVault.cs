using System.Security.Cryptography;
using System.Text;
using DemandMobility.Dispatch.Persistence;

namespace DemandMobility.Storage;

/// <summary>
/// Personal-data keys as files in a folder of the data directory, one per subject, so that travellers' names survive
/// a restart while erasure stays a file deletion ("crypto-shredding": the event log keeps only ciphertext).
/// </summary>
/// <remarks>
/// A file is named by the SHA-256 of its subject, so the folder listing reveals no booking ids, and is written to a
/// temporary file first and then moved, so a crash never leaves half a key. Keys are read through a small cache: they
/// are needed only when a dispatcher or a driver reads a phone booking.
/// </remarks>
public sealed class FilePersonalDataVault : IPersonalDataVault
{
    /// <summary>Name of the folder inside the data directory.</summary>
    public const string FolderName = "personal-data-keys";

    private const int KeyBytes = 32;
    private readonly string _folder;
    private readonly Dictionary<string, byte[]> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>A vault in <paramref name="dataDirectory"/>/<see cref="FolderName"/> (created when missing).</summary>
    public FilePersonalDataVault(string dataDirectory)
    {
        _folder = Path.Combine(dataDirectory, FolderName);
        Directory.CreateDirectory(_folder);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    /// <inheritdoc />
    public byte[]? KeyFor(string subject, bool create)
    {
        lock (_gate)
        {
            if (_cache.TryGetValue(subject, out var cached)) return cached;
            var path = PathOf(subject);
            if (File.Exists(path))
            {
                var key = File.ReadAllBytes(path);
                if (key.Length != KeyBytes)
                    throw new InvalidDataException($"Personal-data key file {path} is damaged ({key.Length} bytes, expected {KeyBytes}).");
                _cache[subject] = key;
                return key;
            }
            if (!create) return null;
            var fresh = RandomNumberGenerator.GetBytes(KeyBytes);
            var temp = path + ".tmp";
            File.WriteAllBytes(temp, fresh);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.Move(temp, path, overwrite: true);
            _cache[subject] = fresh;
            return fresh;
        }
    }

    /// <inheritdoc />
    public void Erase(string subject)
    {
        lock (_gate)
        {
            _cache.Remove(subject);
            File.Delete(PathOf(subject));
        }
    }

    private string PathOf(string subject) =>
        Path.Combine(_folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(subject))) + ".key");
}
