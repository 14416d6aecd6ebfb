using System.Globalization;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using DemandMobility.Rpc.Wire;

namespace DemandMobility.Rpc.Server;

/// <summary>
/// The response side of one server call: headers once, framed messages, then exactly one status
/// (as trailers, or as a Trailers-Only response when nothing was sent before — PROTOCOL-HTTP2.md "Responses").
/// A lock serialises handler writes against the deadline timer, which may finish the call from another thread.
/// </summary>
internal sealed class ServerCallResponse
{
    private readonly HttpContext _http;
    private readonly RpcServerOptions _options;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private bool _headersSent;
    private bool _finished;

    public ServerCallResponse(HttpContext http, RpcServerOptions options)
    {
        _http = http;
        _options = options;
    }

    /// <summary>Sends the response headers with <paramref name="metadata"/> (at most once).</summary>
    public async Task WriteHeadersAsync(Metadata metadata)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_finished)
            {
                throw new InvalidOperationException("Cannot write response headers: the call is already complete.");
            }

            if (_headersSent)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call.");
            }

            SetHeaders(metadata);
            await _http.Response.StartAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Frames, writes and flushes one response message.</summary>
    public async Task WriteMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_finished)
            {
                throw new InvalidOperationException("Cannot write a message: the call is already complete (deadline exceeded or status sent).");
            }

            if (!_headersSent)
            {
                SetHeaders(null);
            }

            MessageFraming.WriteFrame(_http.Response.BodyWriter, message, _options.MaxSendMessageSize, gzip: false);
            await _http.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Ends the call with <paramref name="status"/>; later calls are ignored.</summary>
    public async Task FinishAsync(Status status, Metadata? trailers)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            var response = _http.Response;
            if (!_headersSent)
            {
                // Trailers-Only: status and trailers travel in the only HEADERS frame, which ends the stream.
                SetHeaders(trailers);
                response.Headers["grpc-status"] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
                if (status.Detail.Length > 0)
                {
                    response.Headers["grpc-message"] = StatusMessageEncoding.Encode(status.Detail);
                }
            }
            else
            {
                response.AppendTrailer("grpc-status", ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture));
                if (status.Detail.Length > 0)
                {
                    response.AppendTrailer("grpc-message", StatusMessageEncoding.Encode(status.Detail));
                }

                if (trailers is not null)
                {
                    foreach (var entry in trailers)
                    {
                        response.AppendTrailer(entry.Key, EncodeValue(entry));
                    }
                }
            }

            await response.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// Rejects a request that is not gRPC at the HTTP level (wrong protocol or content-type). The status is
    /// still given in headers so gRPC clients can report it.
    /// </summary>
    public static Task RejectAsync(HttpContext http, int httpStatus, Status status)
    {
        http.Response.StatusCode = httpStatus;
        http.Response.Headers["grpc-status"] = ((int)status.StatusCode).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["grpc-message"] = StatusMessageEncoding.Encode(status.Detail);
        return Task.CompletedTask;
    }

    internal static string EncodeValue(Metadata.Entry entry)
        => entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;

    private void SetHeaders(Metadata? metadata)
    {
        _headersSent = true;
        var response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-accept-encoding"] = "identity,gzip";
        if (metadata is null)
        {
            return;
        }

        foreach (var entry in metadata)
        {
            response.Headers.Append(entry.Key, EncodeValue(entry));
        }
    }
}
