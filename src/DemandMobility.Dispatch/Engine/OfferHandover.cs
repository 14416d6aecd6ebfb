using System.Text.Json;
using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Events;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// An engine's open offers and the answers of its idempotent quotes, which live in memory only
/// (<see cref="DispatchEngine.RequestQuoteAsync"/>): handed from an engine that closes to the one that takes over the
/// same log (a service area moving to another silo), so a rider can still confirm an offer given just before the move
/// and a retried quote gets the same offer.
/// </summary>
/// <param name="Offers">Bookings in status <see cref="BookingStatus.Offered"/> whose offer had not expired.</param>
/// <param name="Replies">Remembered quote answers that could still be asked for again.</param>
public sealed record OfferHandover(Booking[] Offers, QuoteReplyHandover[] Replies)
{
    /// <summary>Nothing to hand over.</summary>
    public static readonly OfferHandover Empty = new([], []);

    /// <summary>The handover as UTF-8 JSON, with the engine's own settings (the same as its stored events).</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, EventJson.Options);

    /// <summary>Reads <see cref="ToUtf8Json"/>'s output.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a handover.</exception>
    public static OfferHandover FromUtf8Json(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<OfferHandover>(json, EventJson.Options)
                   ?? throw new InvalidDataException("The offer handover is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The offer handover is unreadable: {ex.Message}", ex);
        }
    }
}

/// <summary>One remembered answer of an idempotent <c>RequestQuote</c> (see <see cref="OfferHandover"/>).</summary>
/// <param name="Scope">Caller and operation the key belongs to.</param>
/// <param name="Key">The idempotency key.</param>
/// <param name="Hash">Hash of the request the key came with.</param>
/// <param name="Result">The answer given.</param>
/// <param name="ForgetAt">When the answer is dropped (its offer can no longer be confirmed).</param>
public sealed record QuoteReplyHandover(string Scope, string Key, string Hash, DispatchResult<QuoteOutcome> Result, DateTimeOffset ForgetAt);
