using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace DemandMobility.Rpc.Client;

/// <summary>
/// Derives a status when the server gave none: HTTP status → gRPC code (grpc/grpc doc/http-grpc-status-mapping.md)
/// and HTTP/2 RST_STREAM error code → gRPC code (PROTOCOL-HTTP2.md, "Errors").
/// </summary>
internal static class ResponseStatusMapping
{
    public static StatusCode FromHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM
        0x8 => StatusCode.Cancelled,          // CANCEL
        0xB => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xC => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };

    /// <summary>Reads <c>grpc-status</c>/<c>grpc-message</c> from a header block; null when absent.</summary>
    public static Status? ReadStatus(HttpHeaders headers)
    {
        if (!headers.TryGetValues("grpc-status", out var codes))
        {
            return null;
        }

        var codeText = codes.FirstOrDefault();
        var detail = headers.TryGetValues("grpc-message", out var messages)
            ? Wire.StatusMessageEncoding.Decode(messages.FirstOrDefault())
            : "";
        if (!int.TryParse(codeText, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new Status(StatusCode.Unknown, $"Unparseable grpc-status '{codeText}' received. {detail}".TrimEnd());
        }

        // Codes this side does not know are reported as UNKNOWN, as the status code spec asks.
        return new Status(code is >= 0 and <= 16 ? (StatusCode)code : StatusCode.Unknown, detail);
    }

    /// <summary>Custom metadata of a header block (reserved gRPC and HTTP headers left out).</summary>
    public static Metadata ReadMetadata(params HttpHeaders?[] blocks)
    {
        var metadata = new Metadata();
        foreach (var block in blocks)
        {
            if (block is null)
            {
                continue;
            }

            foreach (var (name, values) in block.NonValidated)
            {
                var key = name.ToLowerInvariant();
                if (key is "content-type" or "grpc-status" or "grpc-message" or "grpc-encoding" or "grpc-accept-encoding"
                    or "content-length" or "date" or "server" || key.StartsWith(':'))
                {
                    continue;
                }

                foreach (var value in values)
                {
                    try
                    {
                        if (key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal))
                        {
                            foreach (var part in value.Split(','))
                            {
                                metadata.Add(key, Server.RequestHeaderParser.DecodeBase64(part.Trim()));
                            }
                        }
                        else
                        {
                            metadata.Add(key, value);
                        }
                    }
                    catch (Exception ex) when (ex is FormatException or ArgumentException)
                    {
                        // A peer's malformed metadata must not fail an otherwise good call; it is dropped.
                    }
                }
            }
        }

        return metadata;
    }
}
