using System.Collections.Concurrent;
using System.Diagnostics;
using DemandMobility.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace DemandMobility.Server.Tests.Integration;

/// <summary>
/// A rider client booking continuously (quote, then confirm) over gRPC, alternating between the west and east
/// areas of the shipped cluster configuration, each call through the silo <c>next</c> hands out. It records every
/// call's outcome and time, so a test can measure gaps and check which status codes the client saw. The client pauses
/// <see cref="Pace"/> between attempts, as riders arrive at a rate and not as fast as the server answers: unpaced, a
/// faster quote path books the six test buses full and the test would measure a full plan instead of a failover.
/// </summary>
internal sealed class BookingLoad(string riderToken)
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly ConcurrentQueue<ConfirmedBooking> _confirmed = new();

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public IReadOnlyCollection<Attempt> Attempts => _attempts;

    public IReadOnlyList<Attempt> Failures => [.. _attempts.Where(a => a.Code != StatusCode.OK)];

    public IReadOnlyCollection<ConfirmedBooking> Confirmed => _confirmed;

    /// <summary>Whether a quote in <paramref name="area"/> asked after <paramref name="at"/> succeeded.</summary>
    public bool QuotedAfter(string area, TimeSpan at) => _attempts.Any(a => a.Rpc == "quote" && a.Area == area && a.Code == StatusCode.OK && a.QuotedAt > at);

    /// <summary>When the first quote in <paramref name="area"/> asked after <paramref name="at"/> was answered.</summary>
    public TimeSpan FirstQuoteAfter(string area, TimeSpan at) =>
        _attempts.Where(a => a.Rpc == "quote" && a.Area == area && a.Code == StatusCode.OK && a.QuotedAt > at).Min(a => a.At);

    public TimeSpan LastQuoteBefore(string area, TimeSpan at) =>
        _attempts.Where(a => a.Rpc == "quote" && a.Area == area && a.Code == StatusCode.OK && a.At <= at).Max(a => a.At);

    public int ConfirmedAfter(string area, TimeSpan at) => _confirmed.Count(c => c.Area == area && c.At > at);

    public bool ServedThrough(string silo, TimeSpan at) => _attempts.Any(a => a.Silo == silo && a.Code == StatusCode.OK && a.At > at);

    public async Task RunAsync(Func<SiloProcess> next, CancellationToken cancellationToken)
    {
        var start = DateTimeOffset.UtcNow;
        for (int i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            string area = i % 2 == 0 ? "west" : "east";
            var silo = next();
            var booking = silo.Booking;
            // Departures spread over twelve hours (the shifts last 13) so the six buses do not fill up during the test.
            var request = new RequestQuoteRequest
            {
                Origin = new Location { Point = area == "west" ? Scenario.Destination : Scenario.Origin },
                Destination = new Location { Point = area == "west" ? Scenario.Origin : Scenario.Destination },
                EarliestDeparture = Timestamp.FromDateTimeOffset(start.AddMinutes(30 + 6 * (i % 120))),
                Passengers = 1,
                IdempotencyKey = $"q{i}",
            };
            var quotedAt = Clock.Elapsed;
            var quote = await CallAsync("quote", area, silo.Name, quotedAt, () => booking.RequestQuoteAsync(request, Options(cancellationToken)).ResponseAsync);
            if (quote?.ResultCase != RequestQuoteResponse.ResultOneofCase.Offer) { await PauseAsync(cancellationToken); continue; }
            var confirmed = await CallAsync("confirm", area, silo.Name, quotedAt, () => booking.ConfirmOfferAsync(
                new ConfirmOfferRequest { OfferId = quote.Offer.OfferId, IdempotencyKey = $"c{i}" }, Options(cancellationToken)).ResponseAsync);
            if (confirmed is not null) _confirmed.Enqueue(new ConfirmedBooking(area, confirmed.BookingId, confirmed.PromisedPickup, Clock.Elapsed));
            await PauseAsync(cancellationToken);
        }
    }

    private static async Task PauseAsync(CancellationToken cancellationToken)
    {
        try { await Task.Delay(Pace, cancellationToken); }
        catch (OperationCanceledException) { }
    }

    private CallOptions Options(CancellationToken cancellationToken) =>
        new(new Metadata { { "authorization", "Bearer " + riderToken } }, DateTime.UtcNow.AddSeconds(5), cancellationToken);

    private async Task<T?> CallAsync<T>(string rpc, string area, string silo, TimeSpan quotedAt, Func<Task<T>> call) where T : class
    {
        try
        {
            var result = await call();
            _attempts.Enqueue(new Attempt(Clock.Elapsed, rpc, area, silo, StatusCode.OK, "", quotedAt));
            return result;
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled)
        {
            _attempts.Enqueue(new Attempt(Clock.Elapsed, rpc, area, silo, ex.StatusCode, ex.Status.Detail, quotedAt));
            // A short pause, as a client backing off before retrying.
            await Task.Delay(50, CancellationToken.None);
            return null;
        }
        catch (RpcException)
        {
            return null; // the test stopped the load
        }
    }

    /// <summary>One call: when it ended, its outcome, and when the booking attempt it belongs to was quoted.</summary>
    internal sealed record Attempt(TimeSpan At, string Rpc, string Area, string Silo, StatusCode Code, string Detail, TimeSpan QuotedAt);

    internal sealed record ConfirmedBooking(string Area, string BookingId, TimeWindow PromisedPickup, TimeSpan At);
}
