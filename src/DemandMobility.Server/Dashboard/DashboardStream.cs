using System.Text;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// <c>GET /dashboard/api/stream</c>: the console's push feed as server-sent events (WHATWG HTML §9.2,
/// <c>text/event-stream</c>). The first event is a <c>snapshot</c> (the whole state, as <c>/dashboard/api/snapshot</c>);
/// later ones are <c>delta</c> events (<see cref="DashboardDelta"/>: only the cards that changed), one per frame of the
/// shared <see cref="DashboardFeed"/>, at most one per <see cref="DashboardFeed.MinGap"/> and at least every
/// <see cref="DashboardSettings.RefreshInterval"/> (which also keeps proxies from closing an idle connection). Every
/// event carries an <c>id</c>; a browser reconnecting with <c>Last-Event-ID</c> gets the deltas it missed when the feed
/// still keeps them, else a snapshot, as does a stream that fell further behind.
/// </summary>
internal sealed class DashboardStream(DashboardFeed feed)
{
    private static readonly byte[] SnapshotHead = Encoding.UTF8.GetBytes("event: snapshot\nid: ");
    private static readonly byte[] DeltaHead = Encoding.UTF8.GetBytes("event: delta\nid: ");
    private static readonly byte[] DataHead = Encoding.UTF8.GetBytes("\ndata: ");
    private static readonly byte[] EventTail = Encoding.UTF8.GetBytes("\n\n");

    /// <summary>Writes events until the browser leaves or the host stops.</summary>
    public async Task RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        long sent = feed.SequenceOf(context.Request.Headers["Last-Event-ID"]);
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        response.ContentType = "text/event-stream; charset=utf-8";
        // Tells EventSource-style clients how long to wait before reconnecting.
        await response.Body.WriteAsync("retry: 2000\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            var frame = await feed.CurrentAsync(cancellationToken).ConfigureAwait(false);
            if (frame.Sequence != sent)
            {
                if (feed.FramesAfter(sent, frame) is { } missed)
                    foreach (var f in missed) await WriteAsync(response.Body, DeltaHead, feed.EventId(f), f.DeltaJson, cancellationToken).ConfigureAwait(false);
                else
                    await WriteAsync(response.Body, SnapshotHead, feed.EventId(frame), frame.SnapshotJson, cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                sent = frame.Sequence;
            }
            await feed.WaitAsync(frame.Version, cancellationToken).ConfigureAwait(false);
            // Wall time on purpose: the gap bounds CPU, also when the engine runs on a simulated clock.
            await Task.Delay(DashboardFeed.MinGap, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One event; its JSON is on one line (no newline inside), so it is one data line.</summary>
    private static async Task WriteAsync(Stream body, byte[] head, string id, byte[] json, CancellationToken cancellationToken)
    {
        await body.WriteAsync(head, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(Encoding.UTF8.GetBytes(id), cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(DataHead, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(json, cancellationToken).ConfigureAwait(false);
        await body.WriteAsync(EventTail, cancellationToken).ConfigureAwait(false);
    }
}
