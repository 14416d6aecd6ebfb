using System.Collections.Concurrent;
using DemandMobility.Rpc.Server;
using DemandMobility.Rpc.Tests.Proto;
using Google.Protobuf;

namespace DemandMobility.Rpc.Tests.TestService;

/// <summary>
/// Plain handlers of the test service. <see cref="Probes"/> lets tests observe, per request text, that a handler
/// started and that its cancellation token fired.
/// </summary>
public sealed class TestServiceImpl
{
    public ConcurrentDictionary<string, HandlerProbe> Probes { get; } = new();

    public ServerServiceDefinition BuildDefinition() => ServerServiceDefinition.CreateBuilder()
        .AddMethod(TestServiceMethods.Echo, EchoAsync)
        .AddMethod(TestServiceMethods.Countdown, CountdownAsync)
        .AddMethod(TestServiceMethods.Sum, SumAsync)
        .AddMethod(TestServiceMethods.Chat, ChatAsync)
        .Build();

    public HandlerProbe Probe(string key) => Probes.GetOrAdd(key, _ => new HandlerProbe());

    private async Task<EchoReply> EchoAsync(EchoRequest request, ServerCallContext context)
    {
        var probe = Probe(request.Text);
        probe.Started.TrySetResult();
        using var registration = context.CancellationToken.Register(() => probe.Cancelled.TrySetResult());
        if (request.Text == "throw")
        {
            throw new InvalidOperationException("secret internal detail");
        }

        if (request.Text == "set-status")
        {
            // A handler may end the call with a status without throwing.
            context.Status = new Status(StatusCode.FailedPrecondition, "status set by handler");
            return new EchoReply();
        }

        if (context.RequestHeaders.GetValue("x-want-headers") is not null)
        {
            await context.WriteResponseHeadersAsync(new Metadata().Add("x-server-header", "hello")
                .Add("x-server-bin", [1, 2, 3, 255]));
        }

        if (request.DelayMs > 0)
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }

        context.ResponseTrailers.Add("x-server-trailer", "bye");
        if (request.FailCode != 0)
        {
            throw new RpcException(new Status((StatusCode)request.FailCode, request.FailMessage),
                new Metadata().Add("x-fail-trailer", "failed"));
        }

        return new EchoReply
        {
            Text = request.Text,
            Authorization = context.RequestHeaders.GetValue("authorization") ?? "",
            ClientMeta = context.RequestHeaders.GetValueBytes("x-client-bin") is { } bytes
                ? Convert.ToHexString(bytes)
                : context.RequestHeaders.GetValue("x-client-meta") ?? "",
            Payload = request.ReplyPayloadSize > 0
                ? ByteString.CopyFrom(new byte[request.ReplyPayloadSize])
                : request.Payload,
            ConnectionId = context.GetHttpContext().Connection.Id,
        };
    }

    private async Task CountdownAsync(CountdownRequest request, IServerStreamWriter<CountdownReply> stream,
        ServerCallContext context)
    {
        using var registration = context.RequestHeaders.GetValue("x-probe") is { } key
            ? context.CancellationToken.Register(() => Probe(key).Cancelled.TrySetResult())
            : default;
        var sent = 0;
        for (var value = request.From; value > 0; value--)
        {
            if (request.FailAfter > 0 && sent == request.FailAfter)
            {
                throw new RpcException(new Status(StatusCode.Aborted, $"stopped after {sent} messages"));
            }

            if (request.DelayMs > 0)
            {
                await Task.Delay(request.DelayMs, context.CancellationToken);
            }

            await stream.WriteAsync(new CountdownReply { Value = value });
            sent++;
        }
    }

    private static async Task<SumReply> SumAsync(IAsyncStreamReader<SumRequest> requests, ServerCallContext context)
    {
        var reply = new SumReply();
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            reply.Total += request.Value;
            reply.Count++;
        }

        return reply;
    }

    private static async Task ChatAsync(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses,
        ServerCallContext context)
    {
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken))
        {
            await responses.WriteAsync(new EchoReply { Text = "re: " + request.Text });
        }
    }
}

/// <summary>Signals from inside a handler.</summary>
public sealed class HandlerProbe
{
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
