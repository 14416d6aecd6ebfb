using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DemandMobility.Server.Services;

/// <summary>
/// A client that resets its stream while the handler still runs makes the handler fail on its next read or write
/// (IOException, OperationCanceledException, "request is complete"). That is the client's choice, not a server
/// fault: log one debug line and end the call as CANCELLED instead of an error with a stack trace.
/// </summary>
internal sealed partial class ClientGoneInterceptor(ILogger<ClientGoneInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (Gone(ex, context))
        {
            throw Cancelled(context, ex);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (Gone(ex, context))
        {
            throw Cancelled(context, ex);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception ex) when (Gone(ex, context))
        {
            throw Cancelled(context, ex);
        }
    }

    /// <summary>The call was cancelled by the client (not a deadline) and the failure is what that causes.</summary>
    internal static bool Gone(Exception ex, ServerCallContext context) =>
        context.CancellationToken.IsCancellationRequested && ex is not RpcException
        && ex is OperationCanceledException or IOException or InvalidOperationException;

    private RpcException Cancelled(ServerCallContext context, Exception ex)
    {
        LogClientGone(logger, context.Method, ex.GetType().Name, ex.Message);
        return new RpcException(new Status(StatusCode.Cancelled, "The client cancelled the call."));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method}: the client went away while the call ran ({Exception}: {Reason}).")]
    private static partial void LogClientGone(ILogger logger, string method, string exception, string reason);
}
