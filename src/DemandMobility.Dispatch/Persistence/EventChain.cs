using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DemandMobility.Dispatch.Persistence;

/// <summary>
/// The hash chain over the event log: checksum(n) = SHA-256(checksum(n−1) ‖ sequence ‖ type ‖ stream ‖ time ‖ payload),
/// lower-case hex, with checksum(0) = "" (the idea of a hash-chained log as in Haber and Stornetta, "How to time-stamp
/// a digital document", 1991).
/// </summary>
/// <remarks>
/// Chained rather than per row: a per-row checksum finds a damaged row but not a missing, reordered or renumbered one,
/// while a chain breaks at the first row after any of these. The chain head at a snapshot's sequence is stored with
/// the snapshot, so replaying the tail after a snapshot verifies it without reading older rows. Every field is
/// length-prefixed, so no two different events hash the same bytes.
/// </remarks>
public static class EventChain
{
    /// <summary>The checksum "before" event 1.</summary>
    public const string Genesis = "";

    /// <summary>The checksum of <paramref name="e"/> (whose <see cref="StoredEvent.Sequence"/> must be set) after <paramref name="previous"/>.</summary>
    public static string Next(string previous, StoredEvent e)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(e);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        AppendText(hash, previous);
        BinaryPrimitives.WriteInt64LittleEndian(number, e.Sequence);
        hash.AppendData(number);
        AppendText(hash, e.Type);
        AppendText(hash, e.StreamId);
        BinaryPrimitives.WriteInt64LittleEndian(number, e.OccurredAt.UtcTicks);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64LittleEndian(number, (long)e.OccurredAt.Offset.TotalMinutes);
        hash.AppendData(number);
        AppendText(hash, e.Payload);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The checksum of a snapshot payload (plain SHA-256, lower-case hex).</summary>
    public static string OfText(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static void AppendText(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
