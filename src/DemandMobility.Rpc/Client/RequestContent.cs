using System.Net;

namespace DemandMobility.Rpc.Client;

/// <summary>
/// Request body whose messages are produced while the call runs: HttpClient hands us the HTTP/2 stream, writers
/// use it until the call half-closes. Single-message calls write their message at once.
/// </summary>
internal sealed class RequestContent : HttpContent
{
    private readonly ReadOnlyMemory<byte>? _singleFrame;
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RequestContent(ReadOnlyMemory<byte>? singleFrame)
    {
        _singleFrame = singleFrame;
        Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
    }

    /// <summary>Completes when the request stream is available to writers.</summary>
    public Task<Stream> StreamTask => _stream.Task;

    /// <summary>Half-closes the request (END_STREAM).</summary>
    public void Complete() => _complete.TrySetResult();

    /// <summary>
    /// Stops waiting for writers (call finished or abandoned). The body then ends normally: an exception here would
    /// make HttpClient reset a stream whose response may still be arriving; cancellation resets it when needed.
    /// </summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _complete.TrySetResult();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_singleFrame is { } frame)
        {
            await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            return;
        }

        _stream.TrySetResult(stream);
        await using (cancellationToken.Register(Abort).ConfigureAwait(false))
        {
            await _complete.Task.ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _singleFrame?.Length ?? -1;
        return _singleFrame is not null;
    }
}
