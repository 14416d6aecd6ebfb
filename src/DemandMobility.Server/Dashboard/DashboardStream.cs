using System.Text;

namespace DemandMobility.Server.Dashboard;

/// <summary>
/// <c>GET /dashboard/api/stream</c>: the console's push feed as server-sent events (WHATWG HTML §9.2,
/// <c>text/event-stream</c>). Each <c>snapshot</c> event carries the whole snapshot (as <c>/dashboard/api/snapshot</c>);
/// one is sent at once, then after every engine change, at most one per <see cref="MinGap"/>, and at least every
/// <see cref="DashboardSettings.RefreshInterval"/> (which also keeps proxies from closing an idle connection).
/// </summary>
internal sealed class DashboardStream(DashboardFeed feed)
{
    /// <summary>
    /// The shortest time between two events of one stream: a fleet of 120 buses reporting every second changes the
    /// engine 120 times a second, and the screen needs no more than a few frames per second (the 1 s budget holds).
    /// </summary>
    public static readonly TimeSpan MinGap = TimeSpan.FromMilliseconds(250);

    private static readonly byte[] EventHead = Encoding.UTF8.GetBytes("event: snapshot\ndata: ");
    private static readonly byte[] EventTail = Encoding.UTF8.GetBytes("\n\n");

    /// <summary>Writes events until the browser leaves or the host stops.</summary>
    public async Task RunAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        response.ContentType = "text/event-stream; charset=utf-8";
        // Tells EventSource-style clients how long to wait before reconnecting.
        await response.Body.WriteAsync("retry: 2000\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        long sent = -1;
        long sentAt = -1;
        while (!cancellationToken.IsCancellationRequested)
        {
            var frame = await feed.CurrentAsync(cancellationToken).ConfigureAwait(false);
            if (frame.Version != sent || frame.BuiltAt != sentAt)
            {
                // The snapshot is JSON on one line (no newline inside), so it is one data line.
                await response.Body.WriteAsync(EventHead, cancellationToken).ConfigureAwait(false);
                await response.Body.WriteAsync(frame.Json, cancellationToken).ConfigureAwait(false);
                await response.Body.WriteAsync(EventTail, cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                sent = frame.Version;
                sentAt = frame.BuiltAt;
            }
            await feed.WaitAsync(frame.Version, cancellationToken).ConfigureAwait(false);
            // Wall time on purpose: the gap bounds CPU, also when the engine runs on a simulated clock.
            await Task.Delay(MinGap, cancellationToken).ConfigureAwait(false);
        }
    }
}
