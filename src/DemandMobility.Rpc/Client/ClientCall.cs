using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using Google.Protobuf;
using DemandMobility.Rpc.Wire;

namespace DemandMobility.Rpc.Client;

/// <summary>
/// One client call over HTTP/2, shared by all call shapes: sends headers and request frames, reads response
/// headers, frames and trailers, and turns every failure into exactly one final <see cref="Status"/>.
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IDisposable
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly RpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly CancellationTokenSource _callCts;
    private readonly RequestContent _content;
    private readonly Lazy<Task<Metadata>> _responseHeaders;
    private readonly object _finishLock = new();
    private Task<HttpResponseMessage>? _sendTask;
    private HttpResponseMessage? _response;
    private MessageReader<TResponse>? _reader;
    private Status? _status;
    private Metadata _trailers = new();
    private bool _requestCompleted;
    private bool _disposed;

    public ClientCall(RpcChannel channel, Method<TRequest, TResponse> method, CallOptions options, TRequest? singleRequest)
    {
        _channel = channel;
        _method = method;
        _options = options;
        if (options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            var remaining = RemainingUntil(deadline);
            _deadlineCts = remaining > TimeSpan.Zero && remaining < TimeSpan.FromDays(24)
                ? new CancellationTokenSource(remaining, channel.Options.TimeProvider)
                : new CancellationTokenSource();
            if (remaining <= TimeSpan.Zero)
            {
                // Cancel synchronously so an expired call never reaches the network.
                _deadlineCts.Cancel();
            }
        }

        _callCts = _deadlineCts is null
            ? CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, _deadlineCts.Token);
        ReadOnlyMemory<byte>? singleFrame = null;
        if (singleRequest is not null)
        {
            try
            {
                singleFrame = Frame(singleRequest);
            }
            catch (RpcException ex)
            {
                // Too large to send: the call fails without touching the network.
                _status = ex.Status;
            }
        }

        _content = new RequestContent(singleFrame);
        _responseHeaders = new Lazy<Task<Metadata>>(ReadResponseHeadersAsync);
    }

    public Task<Metadata> ResponseHeadersAsync => _responseHeaders.Value;

    public void Start()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method.FullName))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = _content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("grpc-accept-encoding", "identity,gzip");
        headers.TryAddWithoutValidation("user-agent", "demandmobility-rpc/1.0");
        if (_channel.Options.CompressRequests)
        {
            headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        }

        if (_options.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            headers.TryAddWithoutValidation("grpc-timeout", GrpcTimeout.Format(RemainingUntil(deadline)));
        }

        if (_options.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key,
                    entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value);
            }
        }

        if (_status is not null)
        {
            _sendTask = Task.FromException<HttpResponseMessage>(new RpcException(_status.Value));
            return;
        }

        _sendTask = _callCts.IsCancellationRequested
            ? Task.FromCanceled<HttpResponseMessage>(_callCts.Token)
            : _channel.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _callCts.Token);
    }

    /// <summary>The final status; throws while the call is still running.</summary>
    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not completed yet.");

    /// <summary>The trailers; throws while the call is still running.</summary>
    public Metadata GetTrailers() => _status is null
        ? throw new InvalidOperationException("The call has not completed yet.")
        : _trailers;

    /// <summary>The next response message, or null after an OK status.</summary>
    /// <exception cref="RpcException">The call ended with a non-OK status.</exception>
    public async Task<TResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        await ResponseHeadersAsync.ConfigureAwait(false);
        if (_reader is null)
        {
            return FinalOrThrow();
        }

        try
        {
            // Streams read many messages: link tokens only when the caller brought one of its own.
            using var linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(_callCts.Token, cancellationToken)
                : null;
            var message = await _reader.ReadAsync(linked?.Token ?? _callCts.Token).ConfigureAwait(false);
            if (message is not null)
            {
                return message;
            }
        }
        catch (RpcException ex)
        {
            // A local protocol failure (e.g. an oversized message): reset the stream so the server stops sending.
            Finish(ex.Status, null);
            _callCts.Cancel();
            throw;
        }
        catch (Exception ex)
        {
            Finish(MapException(ex, cancellationToken), null);
            return FinalOrThrow();
        }

        var trailers = _response!.TrailingHeaders;
        var status = ResponseStatusMapping.ReadStatus(trailers)
            ?? new Status(StatusCode.Internal, "The response ended without a grpc-status trailer.");
        Finish(status, ResponseStatusMapping.ReadMetadata(trailers));
        _response.Dispose();
        return FinalOrThrow();
    }

    /// <summary>Reads the single response of a unary or client-streaming call.</summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var message = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "The server ended the call with OK but sent no response message."));
        if (await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false) is not null)
        {
            var status = new Status(StatusCode.Internal, "The server sent more than one response message for a single-response method.");
            Finish(status, null);
            _callCts.Cancel();
            throw new RpcException(status);
        }

        return message;
    }

    /// <summary>Sends one request message (client-streaming and duplex calls).</summary>
    public async Task WriteRequestAsync(TRequest message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_requestCompleted)
        {
            throw new InvalidOperationException("Cannot write: the request stream was already completed.");
        }

        if (_status is { } final)
        {
            throw final.StatusCode == StatusCode.OK
                ? new InvalidOperationException("Cannot write: the server already completed the call.")
                : new RpcException(final, _trailers);
        }

        var frame = Frame(message);
        try
        {
            var streamTask = _content.StreamTask;
            if (!streamTask.IsCompleted)
            {
                await Task.WhenAny(streamTask, _sendTask!).ConfigureAwait(false);
                if (!streamTask.IsCompleted)
                {
                    // The response arrived before the request stream opened: the server finished early.
                    await ResponseHeadersAsync.ConfigureAwait(false);
                    await streamTask.WaitAsync(_callCts.Token).ConfigureAwait(false);
                }
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_callCts.Token, cancellationToken);
            var stream = await streamTask.ConfigureAwait(false);
            await stream.WriteAsync(frame, linked.Token).ConfigureAwait(false);
            await stream.FlushAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            if (_status is null && !cancellationToken.IsCancellationRequested && !_callCts.IsCancellationRequested)
            {
                // A server that ends the call early (e.g. an interceptor rejecting it) resets the request stream right
                // after its Trailers-Only response: the write fails, but the real status is in that response.
                try
                {
                    await ResponseHeadersAsync.ConfigureAwait(false);
                }
                catch (RpcException)
                {
                    // The status is recorded; it is rethrown below.
                }
            }

            if (_status is null)
            {
                Finish(MapException(ex, cancellationToken), null);
            }

            if (FinalOrThrow() is null)
            {
                throw new InvalidOperationException("Cannot write: the server already completed the call.", ex);
            }
        }
    }

    /// <summary>Half-closes the request stream.</summary>
    public Task CompleteRequestAsync()
    {
        _requestCompleted = true;
        _content.Complete();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_status is null)
        {
            Finish(Status.DefaultCancelled with { Detail = "The call was disposed before it completed." }, null);
            _callCts.Cancel();
        }

        _content.Abort();
        _response?.Dispose();
        _callCts.Dispose();
        _deadlineCts?.Dispose();
    }

    private async Task<Metadata> ReadResponseHeadersAsync()
    {
        if (_status is not null)
        {
            FinalOrThrow();
            return new Metadata();
        }

        HttpResponseMessage response;
        try
        {
            response = await _sendTask!.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Finish(MapException(ex, CancellationToken.None), null);
            throw new RpcException(_status!.Value, _trailers);
        }

        _response = response;
        var metadata = ResponseStatusMapping.ReadMetadata(response.Headers, response.Content.Headers);
        var headerStatus = ResponseStatusMapping.ReadStatus(response.Headers);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Finish(headerStatus ?? new Status(ResponseStatusMapping.FromHttpStatus(response.StatusCode),
                $"Bad gRPC response: HTTP status code {(int)response.StatusCode}."), metadata);
            return metadata;
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (contentType is null || !Server.RequestHeaderParser.IsGrpcContentType(contentType))
        {
            Finish(new Status(StatusCode.Internal, $"Bad gRPC response: content-type '{contentType}' is not application/grpc."), metadata);
            return metadata;
        }

        if (headerStatus is { } trailersOnly)
        {
            Finish(trailersOnly, metadata);
            return metadata;
        }

        string? encoding = null;
        if (response.Headers.TryGetValues("grpc-encoding", out var encodings))
        {
            encoding = encodings.FirstOrDefault()?.Trim().ToLowerInvariant();
            if (encoding is not (null or "identity" or "gzip"))
            {
                Finish(new Status(StatusCode.Internal, $"The server used unsupported grpc-encoding '{encoding}'."), metadata);
                return metadata;
            }
        }

        var body = await response.Content.ReadAsStreamAsync(_callCts.Token).ConfigureAwait(false);
        _reader = new MessageReader<TResponse>(PipeReader.Create(body), _method.ResponseParser,
            _channel.Options.MaxReceiveMessageSize, encoding);
        return metadata;
    }

    private TResponse? FinalOrThrow()
    {
        var status = _status!.Value;
        return status.StatusCode == StatusCode.OK ? null : throw new RpcException(status, _trailers);
    }

    private void Finish(Status status, Metadata? trailers)
    {
        // Duplex calls read and write on different threads; the first outcome wins.
        lock (_finishLock)
        {
            if (_status is not null)
            {
                return;
            }

            _trailers = trailers ?? new Metadata();
            _status = status;
        }

        _content.Abort();
    }

    private Status MapException(Exception ex, CancellationToken readToken)
    {
        if (_deadlineCts?.IsCancellationRequested == true)
        {
            return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }

        if (_options.CancellationToken.IsCancellationRequested || readToken.IsCancellationRequested || _disposed)
        {
            return new Status(StatusCode.Cancelled, "Call canceled by the client.");
        }

        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocol)
            {
                return new Status(ResponseStatusMapping.FromHttp2ErrorCode(protocol.ErrorCode),
                    $"HTTP/2 stream reset with error code {protocol.ErrorCode}: {protocol.Message}");
            }
        }

        return ex switch
        {
            OperationCanceledException => new Status(StatusCode.Cancelled, "Call canceled."),
            HttpRequestException or IOException => new Status(StatusCode.Unavailable, $"Error in gRPC call: {ex.Message}"),
            _ => new Status(StatusCode.Internal, $"Error in gRPC call: {ex.GetType().Name}: {ex.Message}"),
        };
    }

    private TimeSpan RemainingUntil(DateTime deadline)
        => deadline.ToUniversalTime() - _channel.Options.TimeProvider.GetUtcNow().UtcDateTime;

    private ReadOnlyMemory<byte> Frame(TRequest message)
    {
        var buffer = new ArrayBufferWriter<byte>(MessageFraming.HeaderSize + message.CalculateSize());
        MessageFraming.WriteFrame(buffer, message, _channel.Options.MaxSendMessageSize, _channel.Options.CompressRequests);
        return buffer.WrittenMemory;
    }
}
