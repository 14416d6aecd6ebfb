using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DemandMobility.Security;
using DemandMobility.Server.Tests.Integration;

namespace DemandMobility.Server.Tests.Dashboard;

/// <summary>The console's server-sent events feed against the real host: pushed within a second of an engine change.</summary>
public sealed class DashboardStreamTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_booking_made_through_gRPC_is_pushed_within_one_second()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var events = await SnapshotEvents.OpenAsync(host, Scenario.Dispatcher(host.Server), timeout.Token);
        var first = await events.NextAsync(timeout.Token);
        Assert.Equal(0, first.GetProperty("bookings").GetArrayLength());
        Assert.Equal(6, first.GetProperty("vehicles").GetArrayLength());

        // Warm the quote path once (first-call JIT would count against the push budget otherwise).
        await Scenario.OfferAsync(host.Server, Scenario.Rider(host.Server, "warm"), "warm-up");
        var watch = Stopwatch.StartNew();
        var booking = await Scenario.BookAsync(host.Server, Scenario.Rider(host.Server, "alice"), "push-1");
        var booked = watch.Elapsed;
        JsonElement shown;
        do shown = await events.NextAsync(timeout.Token);
        while (!shown.GetProperty("bookings").EnumerateArray().Any(b => b.GetProperty("id").GetString() == booking.BookingId
                   && b.GetProperty("status").GetString() == "confirmed"));
        var pushed = watch.Elapsed - booked;
        Assert.True(pushed < Budget, $"The booking reached the stream {pushed.TotalMilliseconds:F0} ms after the gRPC call returned (budget {Budget.TotalMilliseconds} ms).");
        Assert.Contains(shown.GetProperty("vehicles").EnumerateArray(), v => v.GetProperty("id").GetString() == booking.VehicleId
            && v.GetProperty("state").GetString() == "busy");
    }

    [Fact]
    public async Task The_stream_refuses_callers_without_a_console_role()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using (var anonymous = await host.GetAsync("/dashboard/api/stream", null))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using (var rider = await host.GetAsync("/dashboard/api/stream", host.Server.Token(Roles.Rider, "anna")))
            Assert.Equal(HttpStatusCode.Forbidden, rider.StatusCode);
    }

    /// <summary>Reads <c>event: snapshot</c> events off a live <c>text/event-stream</c> response.</summary>
    private sealed class SnapshotEvents : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private SnapshotEvents(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public static async Task<SnapshotEvents> OpenAsync(DashboardTestHost host, string token, CancellationToken cancellationToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/stream");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await host.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            return new SnapshotEvents(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
        }

        public async Task<JsonElement> NextAsync(CancellationToken cancellationToken)
        {
            string? name = null;
            var data = new List<string>();
            while (true)
            {
                string line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The server closed the event stream.");
                if (line.Length == 0)
                {
                    if (name == "snapshot") return JsonDocument.Parse(string.Join('\n', data)).RootElement.Clone();
                    name = null;
                    data.Clear();
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal)) name = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Add(line[5..].TrimStart(' '));
            }
        }

        public ValueTask DisposeAsync()
        {
            _reader.Dispose();
            _response.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
