using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using DemandMobility.Contracts.V1;
using DemandMobility.Server.Dashboard;
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

    [Fact]
    public async Task After_the_first_snapshot_only_deltas_follow_and_their_sum_equals_a_fresh_snapshot()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var events = await SnapshotEvents.OpenAsync(host, Scenario.Dispatcher(host.Server), timeout.Token);
        await events.NextAsync(timeout.Token);
        Assert.Equal("snapshot", events.Kind);
        int snapshotBytes = events.Bytes;

        var booking = await Scenario.BookAsync(host.Server, Scenario.Rider(host.Server, "alice"), "delta-1");
        await events.UntilAsync(s => s.GetProperty("bookings").GetArrayLength() == 1, timeout.Token);
        Assert.Equal("delta", events.Kind);
        // One booking and its vehicle changed: the delta carries those cards, not the whole fleet.
        Assert.True(events.Bytes < snapshotBytes, $"delta {events.Bytes} B, snapshot {snapshotBytes} B");
        var second = await Scenario.BookAsync(host.Server, Scenario.Rider(host.Server, "bob"), "delta-2");
        await host.Server.Booking.CancelBookingAsync(new CancelBookingRequest { BookingId = booking.BookingId },
            DispatchTestServer.As(Scenario.Rider(host.Server, "alice")));
        var shown = await events.UntilAsync(s => s.GetProperty("bookings").EnumerateArray().Any(b => b.GetProperty("id").GetString() == booking.BookingId
            && b.GetProperty("status").GetString() == "cancelled") && s.GetProperty("bookings").GetArrayLength() == 2, timeout.Token);
        Assert.Equal("delta", events.Kind);

        // The clock stands still in the test host, so a snapshot read now shows the same moment.
        var fresh = await host.GetJsonAsync("/dashboard/api/snapshot");
        foreach (string key in new[] { "vehicles", "bookings", "kpis", "alerts", "engineAlerts", "at" })
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(fresh.GetProperty(key).GetRawText()), JsonNode.Parse(shown.GetProperty(key).GetRawText())),
                $"{key}: pushed {shown.GetProperty(key).GetRawText()}\nfresh  {fresh.GetProperty(key).GetRawText()}");
        Assert.Contains(second.BookingId, shown.GetProperty("bookings").EnumerateArray().Select(b => b.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_reconnect_with_Last_Event_ID_gets_the_missed_deltas_and_an_unknown_id_a_snapshot()
    {
        await using var host = await DashboardTestHost.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string token = Scenario.Dispatcher(host.Server);
        JsonObject state;
        string lastId;
        await using (var first = await SnapshotEvents.OpenAsync(host, token, timeout.Token))
        {
            await first.NextAsync(timeout.Token);
            (state, lastId) = (first.State!, first.LastEventId!);
        }
        Assert.Matches(@"^[0-9a-f]+\.[0-9]+$", lastId);

        // Offline meanwhile: a booking is made; the console comes back with the id it last applied.
        var booking = await Scenario.BookAsync(host.Server, Scenario.Rider(host.Server, "alice"), "reconnect-1");
        await Task.Delay(DashboardFeed.MinGap * 2, timeout.Token);
        await using (var resumed = await SnapshotEvents.OpenAsync(host, token, timeout.Token, lastId, state))
        {
            var shown = await resumed.UntilAsync(s => s.GetProperty("bookings").GetArrayLength() == 1, timeout.Token);
            Assert.Equal("delta", resumed.Kind);
            Assert.Equal(booking.BookingId, shown.GetProperty("bookings")[0].GetProperty("id").GetString());
        }

        // An id of another server process (a restart) or a malformed one gets a snapshot.
        foreach (string unknown in new[] { "0000000000000000.1", "garbage" })
        {
            await using var fresh = await SnapshotEvents.OpenAsync(host, token, timeout.Token, unknown, state);
            var shown = await fresh.NextAsync(timeout.Token);
            Assert.Equal("snapshot", fresh.Kind);
            Assert.Equal(1, shown.GetProperty("bookings").GetArrayLength());
        }
    }

    /// <summary>
    /// Reads a live <c>text/event-stream</c> response as the page does: a <c>snapshot</c> event replaces the state, a
    /// <c>delta</c> event is applied to it (<see cref="ConsoleDeltaApplier"/>); <see cref="NextAsync"/> returns the state after each.
    /// </summary>
    internal sealed class SnapshotEvents : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;
        private long _sequence = -1;

        private SnapshotEvents(HttpResponseMessage response, StreamReader reader, JsonObject? state, string? lastEventId)
        {
            _response = response;
            _reader = reader;
            State = state;
            LastEventId = lastEventId;
            if (lastEventId is not null && long.TryParse(lastEventId[(lastEventId.IndexOf('.') + 1)..], out long n)) _sequence = n;
        }

        /// <summary>The state after the last event.</summary>
        public JsonObject? State { get; private set; }

        /// <summary>The id of the last event.</summary>
        public string? LastEventId { get; private set; }

        /// <summary>The kind of the last event: snapshot or delta.</summary>
        public string? Kind { get; private set; }

        /// <summary>The size of the last event's data.</summary>
        public int Bytes { get; private set; }

        public static Task<SnapshotEvents> OpenAsync(DashboardTestHost host, string token, CancellationToken cancellationToken,
            string? lastEventId = null, JsonObject? state = null) =>
            OpenAsync(host.Http, token, cancellationToken, lastEventId, state);

        /// <summary>Opens the stream of the dashboard <paramref name="http"/> is addressed to.</summary>
        public static async Task<SnapshotEvents> OpenAsync(HttpClient http, string token, CancellationToken cancellationToken,
            string? lastEventId = null, JsonObject? state = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/api/stream");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            return new SnapshotEvents(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken)), state, lastEventId);
        }

        /// <summary>Reads events until the state satisfies <paramref name="done"/>.</summary>
        public async Task<JsonElement> UntilAsync(Func<JsonElement, bool> done, CancellationToken cancellationToken)
        {
            JsonElement shown;
            do shown = await NextAsync(cancellationToken);
            while (!done(shown));
            return shown;
        }

        public async Task<JsonElement> NextAsync(CancellationToken cancellationToken)
        {
            string? name = null, id = null;
            var data = new List<string>();
            while (true)
            {
                string line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("The server closed the event stream.");
                if (line.Length == 0)
                {
                    if (name is "snapshot" or "delta")
                    {
                        string json = string.Join('\n', data);
                        var body = JsonNode.Parse(json)!.AsObject();
                        Assert.NotNull(id);
                        long sequence = long.Parse(id[(id.IndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                        State = name == "snapshot" ? body : ConsoleDeltaApplier.Apply(State ?? throw new InvalidOperationException("A delta came before any snapshot."), _sequence, body);
                        if (name == "delta") Assert.Equal(sequence, body["sequence"]!.GetValue<long>());
                        (_sequence, LastEventId, Kind, Bytes) = (sequence, id, name, json.Length);
                        return JsonDocument.Parse(State.ToJsonString()).RootElement.Clone();
                    }
                    name = id = null;
                    data.Clear();
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal)) name = line[6..].Trim();
                else if (line.StartsWith("id:", StringComparison.Ordinal)) id = line[3..].Trim();
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
