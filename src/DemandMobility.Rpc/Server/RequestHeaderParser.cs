using Microsoft.AspNetCore.Http;
using DemandMobility.Rpc.Wire;

namespace DemandMobility.Rpc.Server;

/// <summary>What the server takes from the request headers.</summary>
internal readonly record struct ParsedRequestHeaders(Metadata Metadata, TimeSpan? Timeout, string? Encoding, Status? Error);

/// <summary>Reads Call-Definition headers (timeout, encoding) and custom metadata from a request.</summary>
internal static class RequestHeaderParser
{
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null)
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';');
        var mediaType = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
        return mediaType.Equals("application/grpc", StringComparison.OrdinalIgnoreCase)
            || mediaType.Equals("application/grpc+proto", StringComparison.OrdinalIgnoreCase);
    }

    public static ParsedRequestHeaders Parse(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        TimeSpan? timeout = null;
        string? encoding = null;
        foreach (var (name, values) in headers)
        {
            var key = name.ToLowerInvariant();
            switch (key)
            {
                case "grpc-timeout":
                    if (!GrpcTimeout.TryParse(values.ToString(), out var parsed))
                    {
                        return Error($"Invalid grpc-timeout header '{values}': expected 1-8 digits followed by H, M, S, m, u or n.");
                    }

                    timeout = parsed;
                    continue;
                case "grpc-encoding":
                    encoding = values.ToString().Trim().ToLowerInvariant();
                    if (encoding is not ("identity" or "gzip"))
                    {
                        return new ParsedRequestHeaders(metadata, null, null, new Status(StatusCode.Unimplemented,
                            $"Unsupported grpc-encoding '{encoding}'; this server accepts identity, gzip."));
                    }

                    continue;
                case "content-type" or "te" or "content-length" or "grpc-accept-encoding" or "host":
                    continue;
            }

            if (key.StartsWith(':'))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                try
                {
                    if (key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal))
                    {
                        foreach (var part in value.Split(','))
                        {
                            metadata.Add(key, DecodeBase64(part.Trim()));
                        }
                    }
                    else
                    {
                        metadata.Add(key, value);
                    }
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    return Error($"Invalid request metadata '{key}': {ex.Message}");
                }
            }
        }

        return new ParsedRequestHeaders(metadata, timeout, encoding, null);
    }

    /// <summary>Binary header values may arrive with or without base64 padding (PROTOCOL-HTTP2.md, Custom-Metadata).</summary>
    internal static byte[] DecodeBase64(string text)
    {
        var padding = (4 - text.Length % 4) % 4;
        return Convert.FromBase64String(padding == 0 ? text : text + new string('=', padding));
    }

    private static ParsedRequestHeaders Error(string detail)
        => new(new Metadata(), null, null, new Status(StatusCode.Internal, detail));
}
