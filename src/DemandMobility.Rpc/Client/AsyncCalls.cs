using System.Runtime.CompilerServices;

namespace DemandMobility.Rpc.Client;

/// <summary>A running unary call. Awaiting it yields the response or throws <see cref="RpcException"/>.</summary>
public sealed class AsyncUnaryCall<TResponse>(
    Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose) : IDisposable
{
    /// <summary>The response; faults with <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResponse> ResponseAsync { get; } = responseAsync;

    /// <summary>The response headers (custom metadata only).</summary>
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;

    /// <summary>The final status (after completion).</summary>
    public Status GetStatus() => getStatus();

    /// <summary>The trailers (after completion).</summary>
    public Metadata GetTrailers() => getTrailers();

    /// <summary>Allows <c>await call</c>.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose() => dispose();
}

/// <summary>A running server-streaming call.</summary>
public sealed class AsyncServerStreamingCall<TResponse>(
    IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose) : IDisposable
{
    /// <summary>The responses; <c>MoveNext</c> throws <see cref="RpcException"/> on a non-OK status.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;

    /// <summary>The response headers (custom metadata only).</summary>
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;

    /// <summary>The final status (after the stream ended).</summary>
    public Status GetStatus() => getStatus();

    /// <summary>The trailers (after the stream ended).</summary>
    public Metadata GetTrailers() => getTrailers();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose() => dispose();
}

/// <summary>A running client-streaming call.</summary>
public sealed class AsyncClientStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync,
    Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose) : IDisposable
{
    /// <summary>Write requests here, then <c>CompleteAsync</c>.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;

    /// <summary>The response; faults with <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResponse> ResponseAsync { get; } = responseAsync;

    /// <summary>The response headers (custom metadata only).</summary>
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;

    /// <summary>The final status (after completion).</summary>
    public Status GetStatus() => getStatus();

    /// <summary>The trailers (after completion).</summary>
    public Metadata GetTrailers() => getTrailers();

    /// <summary>Allows <c>await call</c>.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose() => dispose();
}

/// <summary>A running bidirectional-streaming call.</summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse>(
    IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream,
    Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose) : IDisposable
{
    /// <summary>Write requests here, then <c>CompleteAsync</c>.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; } = requestStream;

    /// <summary>The responses.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; } = responseStream;

    /// <summary>The response headers (custom metadata only).</summary>
    public Task<Metadata> ResponseHeadersAsync { get; } = responseHeadersAsync;

    /// <summary>The final status (after completion).</summary>
    public Status GetStatus() => getStatus();

    /// <summary>The trailers (after completion).</summary>
    public Metadata GetTrailers() => getTrailers();

    /// <summary>Cancels the call if it is still running and frees its resources.</summary>
    public void Dispose() => dispose();
}

internal sealed class ClientResponseStream<T>(Func<CancellationToken, Task<T?>> read) : IAsyncStreamReader<T>
    where T : class
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        _current = await read(cancellationToken).ConfigureAwait(false);
        return _current is not null;
    }
}

internal sealed class ClientRequestStream<T>(Func<T, CancellationToken, Task> write, Func<Task> complete) : IClientStreamWriter<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default) => write(message, cancellationToken);

    public Task CompleteAsync() => complete();
}
