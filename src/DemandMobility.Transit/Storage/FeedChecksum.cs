using System.Numerics;
using System.Runtime.InteropServices;

namespace DemandMobility.Transit.Storage;

/// <summary>
/// A streaming 64-bit checksum (multiply-rotate mixing of 8-byte words) for detecting accidental damage of
/// timetable files and changes of a feed; not a cryptographic hash. Each span's length is mixed in.
/// </summary>
internal struct FeedChecksum
{
    private const ulong P1 = 0x9E3779B185EBCA87UL;
    private const ulong P2 = 0xC2B2AE3D27D4EB4FUL;
    private ulong _state;

    public FeedChecksum(ulong seed) => _state = seed ^ P1;

    public void Append(ReadOnlySpan<byte> data)
    {
        ulong h = _state ^ ((ulong)data.Length * P2);
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (ulong w in words)
        {
            h ^= BitOperations.RotateLeft(w * P1, 29) * P2;
            h = BitOperations.RotateLeft(h, 31) * P2 + P1;
        }
        for (int i = words.Length * 8; i < data.Length; i++)
        {
            h ^= data[i] * P2;
            h = BitOperations.RotateLeft(h, 13) * P1;
        }
        _state = h;
    }

    public readonly ulong Value
    {
        get
        {
            ulong h = _state;
            h ^= h >> 31; h *= P1; h ^= h >> 27; h *= P2; h ^= h >> 33;
            return h;
        }
    }

    public void AppendStream(Stream s)
    {
        var buffer = new byte[1 << 20];
        int read;
        while ((read = s.Read(buffer, 0, buffer.Length)) > 0) Append(buffer.AsSpan(0, read));
    }
}
