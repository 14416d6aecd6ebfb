using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace DemandMobility.Rpc.Wire;

/// <summary>What <see cref="MessageFraming.TryReadFrame"/> found at the start of a buffer.</summary>
internal enum FrameReadStatus
{
    /// <summary>A whole frame is available.</summary>
    Complete,
    /// <summary>The frame header or payload is not complete yet.</summary>
    NeedMoreData,
    /// <summary>The declared length exceeds the receive limit.</summary>
    TooLarge,
    /// <summary>The compressed-flag byte is neither 0 nor 1.</summary>
    InvalidFlag,
}

/// <summary>
/// Length-Prefixed-Message framing (PROTOCOL-HTTP2.md): 1-byte Compressed-Flag, 4-byte big-endian
/// Message-Length, then the message bytes.
/// </summary>
internal static class MessageFraming
{
    /// <summary>Size of the prefix before each message.</summary>
    public const int HeaderSize = 5;

    /// <summary>
    /// Looks for one frame at the start of <paramref name="buffer"/>. On <see cref="FrameReadStatus.Complete"/>,
    /// <paramref name="payload"/> slices the buffer (no copy) and <paramref name="frameEnd"/> is where the next frame starts.
    /// </summary>
    public static FrameReadStatus TryReadFrame(in ReadOnlySequence<byte> buffer, int maxMessageSize,
        out bool compressed, out uint declaredLength, out ReadOnlySequence<byte> payload, out SequencePosition frameEnd)
    {
        compressed = false;
        declaredLength = 0;
        payload = default;
        frameEnd = buffer.Start;
        if (buffer.Length < HeaderSize)
        {
            return FrameReadStatus.NeedMoreData;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        if (header[0] > 1)
        {
            return FrameReadStatus.InvalidFlag;
        }

        compressed = header[0] == 1;
        declaredLength = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (declaredLength > (uint)maxMessageSize)
        {
            return FrameReadStatus.TooLarge;
        }

        if (buffer.Length - HeaderSize < declaredLength)
        {
            return FrameReadStatus.NeedMoreData;
        }

        payload = buffer.Slice(HeaderSize, declaredLength);
        frameEnd = payload.End;
        return FrameReadStatus.Complete;
    }

    /// <summary>Writes one framed message directly into <paramref name="output"/>'s memory.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the message exceeds <paramref name="maxMessageSize"/>.</exception>
    public static void WriteFrame(IBufferWriter<byte> output, IMessage message, int? maxMessageSize, bool gzip)
    {
        var size = message.CalculateSize();
        if (gzip)
        {
            var compressedBytes = Compress(message, size);
            CheckSendSize(compressedBytes.Length, maxMessageSize);
            var target = output.GetSpan(HeaderSize + compressedBytes.Length);
            target[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(target[1..], (uint)compressedBytes.Length);
            compressedBytes.CopyTo(target[HeaderSize..]);
            output.Advance(HeaderSize + compressedBytes.Length);
            return;
        }

        CheckSendSize(size, maxMessageSize);
        var span = output.GetSpan(HeaderSize + size);
        span[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
        message.WriteTo(span.Slice(HeaderSize, size));
        output.Advance(HeaderSize + size);
    }

    /// <summary>
    /// Inflates a gzip payload, refusing output beyond <paramref name="maxMessageSize"/> so a small
    /// "zip bomb" cannot exhaust memory.
    /// </summary>
    /// <returns>The bytes, or null when the decompressed size exceeds the limit.</returns>
    /// <exception cref="InvalidDataException">The payload is not valid gzip.</exception>
    public static byte[]? Decompress(in ReadOnlySequence<byte> payload, int maxMessageSize)
    {
        var input = payload.ToArray();
        using var gzip = new GZipStream(new MemoryStream(input, writable: false), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (output.Length + read > maxMessageSize)
            {
                return null;
            }

            output.Write(chunk, 0, read);
        }

        return output.ToArray();
    }

    private static byte[] Compress(IMessage message, int size)
    {
        var raw = new byte[size];
        message.WriteTo(raw.AsSpan());
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw, 0, raw.Length);
        }

        return output.ToArray();
    }

    private static void CheckSendSize(int size, int? maxMessageSize)
    {
        if (maxMessageSize is { } max && size > max)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({size} > {max} bytes)."));
        }
    }
}
