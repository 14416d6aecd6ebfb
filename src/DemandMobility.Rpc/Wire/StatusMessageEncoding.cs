using System.Text;

namespace DemandMobility.Rpc.Wire;

/// <summary>
/// Percent-encoding of <c>grpc-message</c> (PROTOCOL-HTTP2.md, "Responses"): the UTF-8 bytes of the message,
/// with every byte outside 0x20–0x7E and '%' itself written as %XX. Decoding is lenient as the spec asks:
/// malformed escapes are kept literally.
/// </summary>
internal static class StatusMessageEncoding
{
    /// <summary>Encodes a status detail for the wire.</summary>
    public static string Encode(string message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return "";
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        var builder = new StringBuilder(bytes.Length + 8);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E && b != (byte)'%')
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(HexDigit(b >> 4)).Append(HexDigit(b & 0xF));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes a received <c>grpc-message</c> value.</summary>
    public static string Decode(string? wire)
    {
        if (string.IsNullOrEmpty(wire))
        {
            return "";
        }

        if (!wire.Contains('%'))
        {
            return wire;
        }

        var bytes = new List<byte>(wire.Length);
        for (var i = 0; i < wire.Length; i++)
        {
            var c = wire[i];
            if (c == '%' && i + 2 < wire.Length && TryHex(wire[i + 1], out var hi) && TryHex(wire[i + 2], out var lo))
            {
                bytes.Add((byte)((hi << 4) | lo));
                i += 2;
            }
            else
            {
                // Header values are ASCII; anything else that slipped through is kept as its UTF-8 bytes.
                if (c < 0x80)
                {
                    bytes.Add((byte)c);
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                }
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static char HexDigit(int v) => (char)(v < 10 ? '0' + v : 'A' + v - 10);

    private static bool TryHex(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
