using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using DemandMobility.Rpc.Wire;

namespace DemandMobility.Rpc.Server;

/// <summary>
/// Serves one method over HTTP/2: validates the request (PROTOCOL-HTTP2.md "Requests"), sets up deadline and
/// cancellation, runs interceptors and the handler, and maps the outcome to exactly one gRPC status.
/// </summary>
internal sealed class ServerCallHandler<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly ServerMethodBinding<TRequest, TResponse> _binding;
    private readonly RpcServerOptions _options;

    public ServerCallHandler(ServerMethodBinding<TRequest, TResponse> binding, RpcServerOptions options)
    {
        _binding = binding;
        _options = options;
    }

    public async Task HandleAsync(HttpContext http)
    {
        if (!HttpProtocol.IsHttp2(http.Request.Protocol))
        {
            await ServerCallResponse.RejectAsync(http, StatusCodes.Status426UpgradeRequired, new Status(StatusCode.Internal,
                $"Request protocol '{http.Request.Protocol}' is not supported; gRPC requires HTTP/2.")).ConfigureAwait(false);
            return;
        }

        if (!RequestHeaderParser.IsGrpcContentType(http.Request.ContentType))
        {
            await ServerCallResponse.RejectAsync(http, StatusCodes.Status415UnsupportedMediaType, new Status(StatusCode.Internal,
                $"Content-Type '{http.Request.ContentType}' is not supported; expected 'application/grpc' or 'application/grpc+proto'.")).ConfigureAwait(false);
            return;
        }

        // Limits apply per message (MaxReceiveMessageSize); a long client stream must not hit Kestrel's whole-body
        // size limit or its minimum data rate, which would end idle-but-healthy streams.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
        {
            minRate.MinDataRate = null;
        }

        var response = new ServerCallResponse(http, _options);
        var parsed = RequestHeaderParser.Parse(http.Request.Headers);
        if (parsed.Error is { } headerError)
        {
            await response.FinishAsync(headerError, null).ConfigureAwait(false);
            return;
        }

        using var callCts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        var clock = _options.TimeProvider;
        using var deadlineCts = parsed.Timeout is { } t && t <= TimeSpan.FromDays(24)
            ? new CancellationTokenSource(t, clock)
            : null;
        var deadline = deadlineCts is null ? DateTime.MaxValue : clock.GetUtcNow().UtcDateTime + parsed.Timeout!.Value;
        var deadlineExpired = 0;
        CancellationTokenRegistration deadlineRegistration = default;
        if (deadlineCts is not null)
        {
            deadlineRegistration = deadlineCts.Token.Register(() =>
            {
                Volatile.Write(ref deadlineExpired, 1);
                // Cancel first so a handler blocked in a flush releases the write lock, then send the status.
                callCts.Cancel();
                _ = FinishQuietlyAsync(response, new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
            });
        }

        var context = new ServerCallContext(http, _binding.FullName, deadline, parsed.Metadata, callCts.Token,
            response.WriteHeadersAsync);
        try
        {
            foreach (var interceptor in _options.Interceptors)
            {
                await interceptor(context).ConfigureAwait(false);
            }

            var reader = new MessageReader<TRequest>(http.Request.BodyReader, _binding.Method.RequestParser,
                _options.MaxReceiveMessageSize, parsed.Encoding);
            await InvokeHandlerAsync(reader, response, context).ConfigureAwait(false);
            await response.FinishAsync(context.Status, context.ResponseTrailers).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            foreach (var entry in ex.Trailers)
            {
                context.ResponseTrailers.Add(entry);
            }

            await response.FinishAsync(ex.Status, context.ResponseTrailers).ConfigureAwait(false);
        }
        catch (Exception) when (Volatile.Read(ref deadlineExpired) == 1)
        {
            await response.FinishAsync(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), null).ConfigureAwait(false);
        }
        catch (Exception) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream or went away: there is nobody to send a status to.
        }
        catch (Exception ex)
        {
            http.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("DemandMobility.Rpc.Server")
                .LogError(ex, "Unhandled exception in gRPC handler {Method}", _binding.FullName);
            var detail = _options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
                : "Exception was thrown by handler.";
            await response.FinishAsync(new Status(StatusCode.Unknown, detail), context.ResponseTrailers).ConfigureAwait(false);
        }
        finally
        {
            await deadlineRegistration.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task FinishQuietlyAsync(ServerCallResponse response, Status status)
    {
        try
        {
            await response.FinishAsync(status, null).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The connection went away while the deadline status was being sent; nothing is left to tell.
        }
    }

    private async Task InvokeHandlerAsync(MessageReader<TRequest> reader, ServerCallResponse response, ServerCallContext context)
    {
        var token = context.CancellationToken;
        switch (_binding.Method.Type)
        {
            case MethodType.Unary:
            {
                var request = await ReadSingleRequestAsync(reader, token).ConfigureAwait(false);
                var reply = await _binding.Unary!(request, context).ConfigureAwait(false);
                if (context.Status.StatusCode == StatusCode.OK)
                {
                    await response.WriteMessageAsync(reply, token).ConfigureAwait(false);
                }

                break;
            }
            case MethodType.ServerStreaming:
            {
                var request = await ReadSingleRequestAsync(reader, token).ConfigureAwait(false);
                await _binding.ServerStreaming!(request, new ResponseStreamWriter<TResponse>(response, token), context)
                    .ConfigureAwait(false);
                break;
            }
            case MethodType.ClientStreaming:
            {
                var reply = await _binding.ClientStreaming!(new RequestStreamReader<TRequest>(reader, token), context)
                    .ConfigureAwait(false);
                if (context.Status.StatusCode == StatusCode.OK)
                {
                    await response.WriteMessageAsync(reply, token).ConfigureAwait(false);
                }

                break;
            }
            default:
                await _binding.Duplex!(new RequestStreamReader<TRequest>(reader, token),
                    new ResponseStreamWriter<TResponse>(response, token), context).ConfigureAwait(false);
                break;
        }
    }

    private static async Task<TRequest> ReadSingleRequestAsync(MessageReader<TRequest> reader, CancellationToken token)
    {
        var request = await reader.ReadAsync(token).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "Request message not received: the request stream ended before any message."));
        if (await reader.ReadAsync(token).ConfigureAwait(false) is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "More than one request message received for a single-request method."));
        }

        return request;
    }
}
