namespace DemandMobility.Rpc;

/// <summary>Reads a stream of messages, one at a time (same shape as Grpc.Core's reader).</summary>
/// <typeparam name="T">Message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Advances to the next message; false at the end of the stream.</summary>
    /// <exception cref="RpcException">The call failed (non-OK status, malformed or oversized message).</exception>
    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}

/// <summary>Writes a stream of messages; at most one write may be pending at a time.</summary>
/// <typeparam name="T">Message type.</typeparam>
public interface IAsyncStreamWriter<in T>
{
    /// <summary>Frames, sends and flushes one message.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>The response stream of a server-streaming or duplex handler.</summary>
/// <typeparam name="T">Response message type.</typeparam>
public interface IServerStreamWriter<in T> : IAsyncStreamWriter<T>
{
}

/// <summary>The request stream of a client-streaming or duplex call.</summary>
/// <typeparam name="T">Request message type.</typeparam>
public interface IClientStreamWriter<in T> : IAsyncStreamWriter<T>
{
    /// <summary>Ends the request stream (half-close); the server then sees the end of its reader.</summary>
    Task CompleteAsync();
}

/// <summary>Helpers over <see cref="IAsyncStreamReader{T}"/>.</summary>
public static class AsyncStreamReaderExtensions
{
    /// <summary>Reads the whole stream as an <see cref="IAsyncEnumerable{T}"/>.</summary>
    public static async IAsyncEnumerable<T> ReadAllAsync<T>(this IAsyncStreamReader<T> reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.MoveNext(cancellationToken).ConfigureAwait(false))
        {
            yield return reader.Current;
        }
    }
}
