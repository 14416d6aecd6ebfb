using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.InteropServices;
using DemandMobility.Routing.Pbf.Protos;
using Google.Protobuf;

namespace DemandMobility.Routing.Pbf;

/// <summary>
/// Reads the PBF container one blob at a time: 4-byte big-endian BlobHeader length, BlobHeader, Blob
/// (OSM wiki "PBF Format", section "File format"). Only one decompressed blob is held at a time, so memory
/// stays bounded by the spec's 32 MiB blob limit whatever the file size.
/// </summary>
internal sealed class PbfBlobReader : IDisposable
{
    /// <summary>Spec limit for a BlobHeader ("should be less than 32 KiB and must be less than 64 KiB").</summary>
    public const int MaxHeaderSize = 64 * 1024;

    /// <summary>Spec limit for a Blob, compressed or not ("must be less than 32 MiB").</summary>
    public const int MaxBlobSize = 32 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly string _path;
    private readonly byte[] _lengthPrefix = new byte[4];
    private byte[] _rawBuffer = new byte[64 * 1024];
    private byte[] _dataBuffer = new byte[64 * 1024];

    public PbfBlobReader(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
    }

    /// <summary>Byte offset of the next blob's length prefix.</summary>
    public long Position { get; private set; }

    /// <summary>
    /// Reads the next blob. Returns false at a clean end of file. The returned data stays valid until the
    /// next call (the buffer is reused).
    /// </summary>
    public bool TryReadNext(out string type, out ReadOnlyMemory<byte> data, out long blobOffset)
    {
        blobOffset = Position;
        type = string.Empty;
        data = default;

        int got = ReadFully(_lengthPrefix, 4);
        if (got == 0)
            return false;
        if (got < 4)
            throw Error(blobOffset, "file ends inside a blob length prefix (truncated file)");
        int headerLength = BinaryPrimitives.ReadInt32BigEndian(_lengthPrefix);
        if (headerLength <= 0 || headerLength >= MaxHeaderSize)
            throw Error(blobOffset, $"BlobHeader length {headerLength} is outside 1..{MaxHeaderSize - 1} bytes (not an OSM PBF file, or corrupt)");

        EnsureCapacity(ref _rawBuffer, headerLength);
        if (ReadFully(_rawBuffer, headerLength) < headerLength)
            throw Error(blobOffset, "file ends inside a BlobHeader (truncated file)");
        BlobHeader header;
        try
        {
            header = BlobHeader.Parser.ParseFrom(_rawBuffer.AsSpan(0, headerLength));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw Error(blobOffset, "BlobHeader is not a valid protobuf message (not an OSM PBF file, or corrupt)", ex);
        }
        if (header.Datasize < 0 || header.Datasize >= MaxBlobSize)
            throw Error(blobOffset, $"Blob size {header.Datasize} is outside 0..{MaxBlobSize - 1} bytes");
        if (header.Type != "OSMHeader" && header.Type != "OSMData")
        {
            // Unknown blob types must be skipped, not rejected (spec: "readers should skip unknown blocks").
            Skip(header.Datasize, blobOffset);
            type = header.Type;
            Position += 4 + headerLength + header.Datasize;
            return true;
        }

        EnsureCapacity(ref _rawBuffer, header.Datasize);
        if (ReadFully(_rawBuffer, header.Datasize) < header.Datasize)
            throw Error(blobOffset, $"file ends inside a {header.Type} blob of {header.Datasize} bytes (truncated file)");
        Position += 4 + headerLength + header.Datasize;

        Blob blob;
        try
        {
            blob = Blob.Parser.ParseFrom(_rawBuffer.AsSpan(0, header.Datasize));
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw Error(blobOffset, "Blob is not a valid protobuf message (corrupt file)", ex);
        }

        type = header.Type;
        data = Decompress(blob, blobOffset);
        return true;
    }

    private ReadOnlyMemory<byte> Decompress(Blob blob, long blobOffset)
    {
        switch (blob.DataCase)
        {
            case Blob.DataOneofCase.Raw:
                return blob.Raw.Memory;
            case Blob.DataOneofCase.ZlibData:
            {
                int rawSize = blob.RawSize;
                if (!blob.HasRawSize || rawSize < 0 || rawSize >= MaxBlobSize)
                    throw Error(blobOffset, $"zlib blob has missing or invalid raw_size {rawSize}");
                EnsureCapacity(ref _dataBuffer, rawSize);
                try
                {
                    var compressed = blob.ZlibData.Memory;
                    using var input = MemoryMarshal.TryGetArray(compressed, out var segment)
                        ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                        : new MemoryStream(compressed.ToArray(), writable: false);
                    using var zlib = new ZLibStream(input, CompressionMode.Decompress);
                    int total = 0;
                    while (total < rawSize)
                    {
                        int n = zlib.Read(_dataBuffer, total, rawSize - total);
                        if (n == 0)
                            break;
                        total += n;
                    }
                    if (total != rawSize)
                        throw Error(blobOffset, $"zlib data decompressed to {total} bytes, raw_size says {rawSize}");
                }
                catch (InvalidDataException ex)
                {
                    throw Error(blobOffset, "zlib data is corrupt", ex);
                }
                return _dataBuffer.AsMemory(0, rawSize);
            }
            case Blob.DataOneofCase.LzmaData:
                throw Error(blobOffset, "LZMA-compressed blobs are not supported (re-encode the file with zlib, e.g. osmium cat)");
            case Blob.DataOneofCase.Lz4Data:
                throw Error(blobOffset, "LZ4-compressed blobs are not supported (re-encode the file with zlib)");
            case Blob.DataOneofCase.ZstdData:
                throw Error(blobOffset, "zstd-compressed blobs are not supported (re-encode the file with zlib)");
            case Blob.DataOneofCase.OBSOLETEBzip2Data:
                throw Error(blobOffset, "bzip2-compressed blobs are obsolete and not supported");
            default:
                throw Error(blobOffset, "Blob has no data field (or an unknown compression)");
        }
    }

    public PbfFormatException Error(long offset, string problem, Exception? inner = null) => new(_path, offset, problem, inner);

    private int ReadFully(byte[] buffer, int count)
    {
        int total = 0;
        while (total < count)
        {
            int n = _stream.Read(buffer, total, count - total);
            if (n == 0)
                break;
            total += n;
        }
        return total;
    }

    private void Skip(int count, long blobOffset)
    {
        if (_stream.CanSeek)
        {
            if (_stream.Position + count > _stream.Length)
                throw Error(blobOffset, "file ends inside a blob (truncated file)");
            _stream.Seek(count, SeekOrigin.Current);
            return;
        }
        byte[] scratch = ArrayPool<byte>.Shared.Rent(Math.Min(count, 1 << 16) + 1);
        try
        {
            int left = count;
            while (left > 0)
            {
                int n = _stream.Read(scratch, 0, Math.Min(left, scratch.Length));
                if (n == 0)
                    throw Error(blobOffset, "file ends inside a blob (truncated file)");
                left -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void EnsureCapacity(ref byte[] buffer, int size)
    {
        if (buffer.Length < size)
            buffer = new byte[Math.Max(size, buffer.Length * 2)];
    }

    public void Dispose() => _stream.Dispose();
}
