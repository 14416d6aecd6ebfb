using System.Numerics;
using System.Runtime.InteropServices;

namespace DemandMobility.Routing.Storage;

/// <summary>
/// A fast streaming 64-bit checksum (multiply-rotate mixing of 8-byte words, in the style of the
/// xxHash/MurmurHash family; our own constants, not an implementation of either). It detects
/// accidental damage (truncation, bit flips), not tampering. Spans must be fed in the same sequence when
/// writing and verifying; each span's length is mixed in, so shifted data does not collide.
/// </summary>
internal struct Checksum64
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;
    private ulong _state;

    public Checksum64(ulong seed) => _state = seed ^ Prime2;

    public void Append(ReadOnlySpan<byte> data)
    {
        ulong h = _state ^ ((ulong)data.Length * Prime1);
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        for (int i = 0; i < words.Length; i++)
        {
            h ^= BitOperations.RotateLeft(words[i] * Prime2, 31) * Prime1;
            h = BitOperations.RotateLeft(h, 27) * Prime1 + Prime2;
        }
        for (int i = words.Length * 8; i < data.Length; i++)
        {
            h ^= data[i] * Prime1;
            h = BitOperations.RotateLeft(h, 11) * Prime2;
        }
        _state = h;
    }

    public readonly ulong Value
    {
        get
        {
            ulong h = _state;
            h ^= h >> 33; h *= Prime2; h ^= h >> 29; h *= Prime1; h ^= h >> 32;
            return h;
        }
    }

    /// <summary>Checksum of a whole file's bytes, read in 1 MiB blocks.</summary>
    public static ulong OfFile(string path, out long length)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        length = fs.Length;
        var sum = new Checksum64(0);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = fs.Read(buffer, 0, buffer.Length)) > 0) sum.Append(buffer.AsSpan(0, read));
        return sum.Value;
    }
}
