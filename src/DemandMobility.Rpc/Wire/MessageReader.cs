using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;

namespace DemandMobility.Rpc.Wire;

/// <summary>
/// Reads framed protobuf messages from a <see cref="PipeReader"/> (server request body or client response body).
/// Messages are parsed straight from the pipe's buffers; only gzip payloads are copied to be inflated.
/// Protocol violations surface as <see cref="RpcException"/> with the status the peer should see.
/// </summary>
internal sealed class MessageReader<T> where T : class, IMessage<T>
{
    private readonly PipeReader _pipe;
    private readonly MessageParser<T> _parser;
    private readonly int _maxMessageSize;
    private readonly string? _encoding;
    private long _messagesRead;

    /// <param name="pipe">The body.</param>
    /// <param name="parser">Parser of <typeparamref name="T"/>.</param>
    /// <param name="maxMessageSize">Receive limit in bytes (compressed and decompressed).</param>
    /// <param name="encoding">The peer's <c>grpc-encoding</c>: null/identity or gzip (validated by the caller).</param>
    public MessageReader(PipeReader pipe, MessageParser<T> parser, int maxMessageSize, string? encoding)
    {
        _pipe = pipe;
        _parser = parser;
        _maxMessageSize = maxMessageSize;
        _encoding = encoding;
    }

    /// <summary>The next message, or null at the end of the stream.</summary>
    public async ValueTask<T?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = MessageFraming.TryReadFrame(buffer, _maxMessageSize, out var compressed, out var length,
                out var payload, out var frameEnd);
            switch (status)
            {
                case FrameReadStatus.Complete:
                    T message;
                    try
                    {
                        message = Parse(payload, compressed);
                    }
                    finally
                    {
                        _pipe.AdvanceTo(frameEnd);
                    }

                    _messagesRead++;
                    return message;
                case FrameReadStatus.TooLarge:
                    _pipe.AdvanceTo(buffer.Start);
                    throw Fail(StatusCode.ResourceExhausted,
                        $"Received message exceeds the maximum configured message size ({length} > {_maxMessageSize} bytes).");
                case FrameReadStatus.InvalidFlag:
                    _pipe.AdvanceTo(buffer.Start);
                    throw Fail(StatusCode.Internal,
                        $"Invalid compressed-flag byte at the start of message {_messagesRead + 1} (must be 0 or 1).");
                default:
                    if (result.IsCompleted || result.IsCanceled)
                    {
                        var remaining = buffer.Length;
                        _pipe.AdvanceTo(buffer.End);
                        if (remaining == 0)
                        {
                            return null;
                        }

                        throw Fail(StatusCode.Internal, remaining < MessageFraming.HeaderSize
                            ? $"Incomplete message header: stream ended after {remaining} of 5 prefix bytes of message {_messagesRead + 1}."
                            : $"Incomplete message: stream ended after {remaining - MessageFraming.HeaderSize} of {length} bytes of message {_messagesRead + 1}.");
                    }

                    _pipe.AdvanceTo(buffer.Start, buffer.End);
                    break;
            }
        }
    }

    private T Parse(in ReadOnlySequence<byte> payload, bool compressed)
    {
        try
        {
            if (!compressed)
            {
                return _parser.ParseFrom(payload);
            }

            if (_encoding is null || _encoding == "identity")
            {
                throw Fail(StatusCode.Internal,
                    $"Message {_messagesRead + 1} has the compressed flag set but no grpc-encoding was sent.");
            }

            var inflated = MessageFraming.Decompress(payload, _maxMessageSize) ?? throw Fail(StatusCode.ResourceExhausted,
                $"Received message exceeds the maximum configured message size after decompression (> {_maxMessageSize} bytes).");
            return _parser.ParseFrom(inflated);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw Fail(StatusCode.Internal,
                $"Failed to parse message {_messagesRead + 1} as {typeof(T).Name}: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            throw Fail(StatusCode.Internal,
                $"Failed to decompress gzip message {_messagesRead + 1}: {ex.Message}");
        }
    }

    private static RpcException Fail(StatusCode code, string detail) => new(new Status(code, detail));
}
