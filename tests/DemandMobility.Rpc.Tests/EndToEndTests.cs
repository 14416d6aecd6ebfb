using DemandMobility.Rpc.Client;
using DemandMobility.Rpc.Tests.Proto;
using DemandMobility.Rpc.Tests.TestService;
using Google.Protobuf;
using Xunit;

namespace DemandMobility.Rpc.Tests;

/// <summary>Every call shape and status path through real Kestrel over cleartext HTTP/2.</summary>
public sealed class EndToEndTests(SharedTestHost fixture) : IClassFixture<SharedTestHost>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task Unary_call_round_trips_message_and_metadata_both_ways()
    {
        using var channel = new RpcChannel(Host.Address);
        var headers = new Metadata()
            .Add("authorization", "Bearer abc.def")
            .Add("x-client-bin", [0, 1, 254])
            .Add("x-want-headers", "1");
        using var call = channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { Text = "hallo", Payload = ByteString.CopyFromUtf8("p") }, new CallOptions(headers));

        var reply = await call.ResponseAsync.WaitAsync(Bound);
        var responseHeaders = await call.ResponseHeadersAsync;

        Assert.Equal("hallo", reply.Text);
        Assert.Equal("Bearer abc.def", reply.Authorization);
        Assert.Equal("0001FE", reply.ClientMeta);
        Assert.Equal("p", reply.Payload.ToStringUtf8());
        Assert.Equal("hello", responseHeaders.GetValue("x-server-header"));
        Assert.Equal(new byte[] { 1, 2, 3, 255 }, responseHeaders.GetValueBytes("x-server-bin"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("bye", call.GetTrailers().GetValue("x-server-trailer"));
    }

    [Fact]
    public async Task Empty_request_is_a_zero_length_message_and_round_trips()
    {
        using var channel = new RpcChannel(Host.Address);
        var reply = await channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest()).ResponseAsync.WaitAsync(Bound);
        Assert.Equal("", reply.Text);
        Assert.NotEmpty(reply.ConnectionId);
    }

    [Fact]
    public async Task Server_streaming_returns_every_message_in_order()
    {
        using var channel = new RpcChannel(Host.Address);
        using var call = channel.ServerStreamingCall(TestServiceMethods.Countdown, new CountdownRequest { From = 5 });
        var values = new List<int>();
        await foreach (var reply in call.ResponseStream.ReadAllAsync().WithCancellation(CancellationToken.None))
        {
            values.Add(reply.Value);
        }

        Assert.Equal([5, 4, 3, 2, 1], values);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Server_streaming_error_after_messages_arrives_in_trailers()
    {
        using var channel = new RpcChannel(Host.Address);
        using var call = channel.ServerStreamingCall(TestServiceMethods.Countdown,
            new CountdownRequest { From = 5, FailAfter = 2 });
        var values = new List<int>();
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
                values.Add(call.ResponseStream.Current.Value);
            }
        }).WaitAsync(Bound);

        Assert.Equal([5, 4], values);
        Assert.Equal(StatusCode.Aborted, ex.StatusCode);
        Assert.Equal("stopped after 2 messages", ex.Status.Detail);
    }

    [Fact]
    public async Task Disposing_a_server_stream_midway_cancels_the_handler()
    {
        using var channel = new RpcChannel(Host.Address);
        var key = "stream-cancel-" + Guid.NewGuid();
        var call = channel.ServerStreamingCall(TestServiceMethods.Countdown, new CountdownRequest { From = 10_000, DelayMs = 20 },
            new CallOptions(new Metadata().Add("x-probe", key)));
        Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Bound));
        Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Bound));

        call.Dispose();

        await Host.Service.Probe(key).Cancelled.Task.WaitAsync(Bound);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task Deadline_during_a_server_stream_ends_it_with_deadline_exceeded_after_some_messages()
    {
        using var channel = new RpcChannel(Host.Address);
        await channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest()).ResponseAsync.WaitAsync(Bound);
        using var call = channel.ServerStreamingCall(TestServiceMethods.Countdown, new CountdownRequest { From = 100_000, DelayMs = 10 },
            new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(1.5)));
        var received = 0;
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
                received++;
            }
        }).WaitAsync(Bound);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(received, 1, 99_999);
    }

    [Fact]
    public async Task Client_streaming_sums_the_written_messages()
    {
        using var channel = new RpcChannel(Host.Address);
        using var call = channel.ClientStreamingCall(TestServiceMethods.Sum);
        for (var i = 1; i <= 10; i++)
        {
            await call.RequestStream.WriteAsync(new SumRequest { Value = i });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync.WaitAsync(Bound);

        Assert.Equal(55, reply.Total);
        Assert.Equal(10, reply.Count);
    }

    [Fact]
    public async Task Client_streaming_many_messages_in_one_stream()
    {
        using var channel = new RpcChannel(Host.Address);
        using var call = channel.ClientStreamingCall(TestServiceMethods.Sum);
        for (var i = 1; i <= 3000; i++)
        {
            await call.RequestStream.WriteAsync(new SumRequest { Value = i });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync.WaitAsync(Bound);

        Assert.Equal(3000L * 3001 / 2, reply.Total);
        Assert.Equal(3000, reply.Count);
    }

    [Fact]
    public async Task Client_stream_may_exceed_kestrels_whole_body_limit()
    {
        // Kestrel's default MaxRequestBodySize is 30,000,000 bytes; gRPC limits apply per message instead.
        using var channel = new RpcChannel(Host.Address);
        using var call = channel.ClientStreamingCall(TestServiceMethods.Sum);
        var padding = ByteString.CopyFrom(new byte[1024 * 1024]);
        for (var i = 0; i < 32; i++)
        {
            await call.RequestStream.WriteAsync(new SumRequest { Value = 1, Padding = padding });
        }

        await call.RequestStream.CompleteAsync();
        Assert.Equal(32, (await call.ResponseAsync.WaitAsync(Bound)).Count);
    }

    [Fact]
    public async Task Client_streaming_with_no_messages_returns_an_empty_sum()
    {
        using var channel = new RpcChannel(Host.Address);
        using var call = channel.ClientStreamingCall(TestServiceMethods.Sum);
        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync.WaitAsync(Bound);
        Assert.Equal(0, reply.Count);
    }

    [Fact]
    public async Task Duplex_streaming_answers_each_message_before_the_request_stream_ends()
    {
        using var channel = new RpcChannel(Host.Address);
        using var call = channel.DuplexStreamingCall(TestServiceMethods.Chat);
        foreach (var text in new[] { "a", "b", "c" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text });
            Assert.True(await call.ResponseStream.MoveNext().WaitAsync(Bound));
            Assert.Equal("re: " + text, call.ResponseStream.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext().WaitAsync(Bound));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, "Buchung 42 nicht gefunden")]
    [InlineData(StatusCode.InvalidArgument, "Haltestelle „Marktplatz“ – ungültig: 100% 🚌\r\nzweite Zeile")]
    [InlineData(StatusCode.PermissionDenied, "")]
    public async Task Status_code_and_message_round_trip_including_non_ascii(StatusCode code, string message)
    {
        using var channel = new RpcChannel(Host.Address);
        using var call = channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { Text = "x", FailCode = (int)code, FailMessage = message });

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync).WaitAsync(Bound);

        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(message, ex.Status.Detail);
        Assert.Equal("failed", ex.Trailers.GetValue("x-fail-trailer"));
        Assert.Equal("bye", ex.Trailers.GetValue("x-server-trailer"));
    }

    [Fact]
    public async Task Status_set_on_the_context_ends_the_call_without_a_message()
    {
        using var channel = new RpcChannel(Host.Address);
        var ex = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest { Text = "set-status" }).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("status set by handler", ex.Status.Detail);
    }

    [Fact]
    public async Task Unhandled_handler_exception_is_unknown_without_leaking_its_message()
    {
        using var channel = new RpcChannel(Host.Address);
        var ex = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest { Text = "throw" }).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.DoesNotContain("secret", ex.Status.Detail);
    }

    [Fact]
    public async Task Deadline_exceeded_on_slow_handler_and_handler_token_is_cancelled()
    {
        using var channel = new RpcChannel(Host.Address);
        // Warm the connection so the deadline is spent in the handler, not in connecting on a busy machine.
        await channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest()).ResponseAsync.WaitAsync(Bound);
        var key = "deadline-" + Guid.NewGuid();
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { Text = key, DelayMs = 60_000 },
            new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(1.5))).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        await Host.Service.Probe(key).Cancelled.Task.WaitAsync(Bound);
    }

    [Fact]
    public async Task Already_expired_deadline_fails_without_reaching_the_server()
    {
        using var channel = new RpcChannel(Host.Address);
        var key = "expired-" + Guid.NewGuid();
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { Text = key }, new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1))).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.False(Host.Service.Probes.ContainsKey(key));
    }

    [Fact]
    public async Task Client_cancellation_reaches_the_handlers_token()
    {
        using var channel = new RpcChannel(Host.Address);
        using var cts = new CancellationTokenSource();
        var key = "cancel-" + Guid.NewGuid();
        var call = channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest { Text = key, DelayMs = 60_000 },
            new CallOptions(CancellationToken: cts.Token));

        await Host.Service.Probe(key).Started.Task.WaitAsync(Bound);
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync).WaitAsync(Bound);
        Assert.Equal(StatusCode.Cancelled, ex.StatusCode);
        await Host.Service.Probe(key).Cancelled.Task.WaitAsync(Bound);
    }

    [Fact]
    public async Task Unknown_method_of_a_known_service_is_unimplemented()
    {
        using var channel = new RpcChannel(Host.Address);
        var missing = new Method<EchoRequest, EchoReply>(MethodType.Unary, TestServiceMethods.ServiceName, "Missing",
            EchoRequest.Parser, EchoReply.Parser);

        var ex = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryCall(missing, new EchoRequest()).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains("Missing", ex.Status.Detail);
    }

    [Fact]
    public async Task Response_larger_than_the_client_limit_is_resource_exhausted()
    {
        using var channel = new RpcChannel(Host.Address, new RpcChannelOptions { MaxReceiveMessageSize = 1000 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { ReplyPayloadSize = 5000 }).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("> 1000 bytes", ex.Status.Detail);
    }

    [Fact]
    public async Task Request_larger_than_the_client_send_limit_fails_locally()
    {
        using var channel = new RpcChannel(Host.Address, new RpcChannelOptions { MaxSendMessageSize = 100 });
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[500]) }).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Gzip_compressed_requests_are_accepted()
    {
        using var channel = new RpcChannel(Host.Address, new RpcChannelOptions { CompressRequests = true });
        var text = new string('z', 10_000);
        var reply = await channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest { Text = text }).ResponseAsync.WaitAsync(Bound);
        Assert.Equal(text, reply.Text);

        using var sum = channel.ClientStreamingCall(TestServiceMethods.Sum);
        await sum.RequestStream.WriteAsync(new SumRequest { Value = 7 });
        await sum.RequestStream.WriteAsync(new SumRequest { Value = 8 });
        await sum.RequestStream.CompleteAsync();
        Assert.Equal(15, (await sum.ResponseAsync.WaitAsync(Bound)).Total);
    }

    [Fact]
    public async Task Concurrent_calls_share_one_http2_connection()
    {
        using var channel = new RpcChannel(Host.Address);
        var warmUp = await channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest { Text = "warm" }).ResponseAsync.WaitAsync(Bound);

        var calls = Enumerable.Range(0, 40)
            .Select(i => channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest { Text = "c" + i, DelayMs = 50 }).ResponseAsync)
            .ToArray();
        var replies = await Task.WhenAll(calls).WaitAsync(Bound);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => "c" + i), replies.Select(r => r.Text));
        Assert.All(replies, r => Assert.Equal(warmUp.ConnectionId, r.ConnectionId));
    }
}
