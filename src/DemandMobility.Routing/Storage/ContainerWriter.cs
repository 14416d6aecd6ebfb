using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace DemandMobility.Routing.Storage;

/// <summary>Writes a <see cref="BinaryContainer"/> payload and checksums every byte it writes.</summary>
public sealed class ContainerWriter
{
    // Large arrays go out in slices; stream and checksum see the same bytes either way.
    private const int Slice = 1 << 24;
    private readonly Stream _stream;
    private readonly XxHash64 _sum;

    internal ContainerWriter(Stream stream, uint formatVersion)
    {
        _stream = stream;
        _sum = new XxHash64(formatVersion);
    }

    /// <summary>The checksum of everything written so far.</summary>
    public ulong Checksum => _sum.GetCurrentHashAsUInt64();

    /// <summary>Raw bytes, no length prefix.</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        _sum.Append(bytes);
        _stream.Write(bytes);
    }

    /// <summary>One little-endian int64.</summary>
    public void Long(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, value);
        Raw(b);
    }

    /// <summary>An int64 element count, then the elements' raw bytes.</summary>
    public void Array<T>(T[] values) where T : unmanaged
    {
        Long(values.LongLength);
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        for (int i = 0; i < bytes.Length; i += Slice) Raw(bytes.Slice(i, Math.Min(Slice, bytes.Length - i)));
    }

    /// <summary>Strings as an array of UTF-8 end offsets, then the UTF-8 bytes of all of them.</summary>
    public void Strings(string[] values)
    {
        var ends = new int[values.Length];
        using var blob = new MemoryStream();
        for (int i = 0; i < values.Length; i++)
        {
            blob.Write(Encoding.UTF8.GetBytes(values[i]));
            ends[i] = checked((int)blob.Length);
        }
        Array(ends);
        Array(blob.ToArray());
    }
}
