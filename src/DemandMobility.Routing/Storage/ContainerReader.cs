using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace DemandMobility.Routing.Storage;

/// <summary>
/// Reads a <see cref="BinaryContainer"/> payload in the order it was written, checksumming every byte; a count that
/// reaches past the file throws <see cref="ContainerTruncatedException"/> before anything is allocated.
/// </summary>
public sealed class ContainerReader : IDisposable
{
    private const int Slice = 1 << 24;
    private readonly Stream _stream;
    private readonly string _path;
    private readonly long _fileLength;
    private readonly ulong _storedChecksum;
    private readonly XxHash64 _sum;

    internal ContainerReader(Stream stream, string path, long fileLength, uint formatVersion, ulong storedChecksum)
    {
        _stream = stream;
        _path = path;
        _fileLength = fileLength;
        _storedChecksum = storedChecksum;
        _sum = new XxHash64(formatVersion);
    }

    /// <summary>Whether the bytes read so far (the whole payload, once read) match the header's checksum.</summary>
    public bool ChecksumMatches => _sum.GetCurrentHashAsUInt64() == _storedChecksum;

    /// <summary>The message for a mismatch: stored and computed checksum.</summary>
    public string ChecksumMessage =>
        $"{_path}: payload checksum mismatch (stored {_storedChecksum:x16}, computed {_sum.GetCurrentHashAsUInt64():x16}): the file is damaged";

    /// <summary>Fills <paramref name="into"/> with the next bytes.</summary>
    public void Raw(Span<byte> into)
    {
        if (_stream.Position + into.Length > _fileLength)
            throw new ContainerTruncatedException($"{_path}: truncated: {into.Length} bytes expected at byte {_stream.Position}, file has {_fileLength}");
        _stream.ReadExactly(into);
        _sum.Append(into);
    }

    /// <summary>One little-endian int64.</summary>
    public long Long()
    {
        Span<byte> b = stackalloc byte[8];
        Raw(b);
        return BinaryPrimitives.ReadInt64LittleEndian(b);
    }

    /// <summary>An array written by <see cref="ContainerWriter.Array{T}"/>; <paramref name="what"/> names it in errors.</summary>
    public T[] Array<T>(string what) where T : unmanaged
    {
        long at = _stream.Position;
        long count = Long();
        long bytes = count * Unsafe.SizeOf<T>();
        if (count < 0 || count > int.MaxValue || _stream.Position + bytes > _fileLength)
            throw new ContainerTruncatedException($"{_path}: truncated or damaged: array '{what}' at byte {at} declares {count} elements, more than the file holds");
        var values = new T[count];
        var span = MemoryMarshal.AsBytes(values.AsSpan());
        for (int i = 0; i < span.Length; i += Slice) Raw(span.Slice(i, Math.Min(Slice, span.Length - i)));
        return values;
    }

    /// <summary>Strings written by <see cref="ContainerWriter.Strings"/>.</summary>
    public string[] Strings(string what)
    {
        var ends = Array<int>(what + " offsets");
        var blob = Array<byte>(what);
        var result = new string[ends.Length];
        int start = 0;
        for (int i = 0; i < ends.Length; i++)
        {
            if (ends[i] < start || ends[i] > blob.Length)
                throw new InvalidDataException($"{_path}: string table '{what}' is inconsistent at entry {i}");
            result[i] = Encoding.UTF8.GetString(blob, start, ends[i] - start);
            start = ends[i];
        }
        return result;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();
}
