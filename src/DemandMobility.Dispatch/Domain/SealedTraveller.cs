using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DemandMobility.Dispatch.Domain;

/// <summary>
/// A <see cref="Traveller"/> encrypted with AES-GCM under its booking's key (NIST SP 800-38D): nonce, tag and ciphertext
/// in one base64 string, bound to the booking id as associated data so a sealed value cannot be moved to another booking.
/// </summary>
internal static class SealedTraveller
{
    public static string Seal(Traveller traveller, byte[] key, string bookingId)
    {
        byte[] plain = JsonSerializer.SerializeToUtf8Bytes(new[] { traveller.Name, traveller.Phone });
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var cipher = new byte[plain.Length];
        using (var aes = new AesGcm(key, tag.Length)) aes.Encrypt(nonce, plain, cipher, tag, Encoding.UTF8.GetBytes(bookingId));
        return Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    /// <summary>The traveller, or null when the key is gone (erased) or the value does not belong to the booking.</summary>
    public static Traveller? Open(string sealedValue, byte[]? key, string bookingId)
    {
        if (key is null) return null;
        try
        {
            var all = Convert.FromBase64String(sealedValue);
            int n = AesGcm.NonceByteSizes.MaxSize, t = AesGcm.TagByteSizes.MaxSize;
            var plain = new byte[all.Length - n - t];
            using (var aes = new AesGcm(key, t)) aes.Decrypt(all.AsSpan(0, n), all.AsSpan(n + t), all.AsSpan(n, t), plain, Encoding.UTF8.GetBytes(bookingId));
            var parts = JsonSerializer.Deserialize<string?[]>(plain);
            return parts is { Length: 2 } ? new Traveller(parts[0], parts[1]) : null;
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
