using Google.Protobuf;
using DemandMobility.Rpc.Wire;

namespace DemandMobility.Rpc.Server;

/// <summary>The request stream a client-streaming or duplex handler reads.</summary>
internal sealed class RequestStreamReader<T>(MessageReader<T> reader, CancellationToken callToken) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("No current message: call MoveNext first.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            _current = await reader.ReadAsync(callToken).ConfigureAwait(false);
            return _current is not null;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken);
        _current = await reader.ReadAsync(linked.Token).ConfigureAwait(false);
        return _current is not null;
    }
}

/// <summary>The response stream a server-streaming or duplex handler writes.</summary>
internal sealed class ResponseStreamWriter<T>(ServerCallResponse response, CancellationToken callToken) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            await response.WriteMessageAsync(message, callToken).ConfigureAwait(false);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, cancellationToken);
        await response.WriteMessageAsync(message, linked.Token).ConfigureAwait(false);
    }
}
