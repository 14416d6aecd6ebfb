using System.Diagnostics;
using System.Text.Json;
using DemandMobility.Rpc.Client;
using DemandMobility.Rpc.Tests.Proto;
using DemandMobility.Rpc.Tests.TestService;
using Xunit;

namespace DemandMobility.Rpc.Tests;

/// <summary>
/// Our client against a third-party server: tests/interop/interop_server.js implements the test service with
/// @grpc/grpc-js. Same install/skip rules as <see cref="InteropTests"/>.
/// </summary>
public sealed class ClientInteropTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [InteropFact]
    public async Task Our_client_completes_every_call_shape_against_grpc_js()
    {
        if (InteropEnvironment.MissingReason is { } reason)
        {
            Assert.Fail(reason + " CI=true requires the interop test to run: call tests/interop/install.sh in .ci/run.");
        }

        using var server = await NodeServer.StartAsync();
        using var channel = new RpcChannel(new Uri($"http://127.0.0.1:{server.Port}"));

        using (var unary = channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest { Text = "hallo" },
            new CallOptions(new Metadata().Add("authorization", "Bearer node").Add("x-client-bin", [0, 171]).Add("x-want-headers", "1"))))
        {
            var reply = await unary.ResponseAsync.WaitAsync(Bound);
            var headers = await unary.ResponseHeadersAsync;
            Assert.Equal("hallo", reply.Text);
            Assert.Equal("Bearer node", reply.Authorization);
            Assert.Equal("00AB", reply.ClientMeta);
            Assert.Equal("hello", headers.GetValue("x-server-header"));
            Assert.Equal(new byte[] { 1, 2, 3, 255 }, headers.GetValueBytes("x-server-bin"));
            Assert.Equal("bye", unary.GetTrailers().GetValue("x-server-trailer"));
        }

        using (var countdown = channel.ServerStreamingCall(TestServiceMethods.Countdown, new CountdownRequest { From = 3 }))
        {
            var values = new List<int>();
            while (await countdown.ResponseStream.MoveNext().WaitAsync(Bound))
            {
                values.Add(countdown.ResponseStream.Current.Value);
            }

            Assert.Equal([3, 2, 1], values);
        }

        using (var failing = channel.ServerStreamingCall(TestServiceMethods.Countdown, new CountdownRequest { From = 5, FailAfter = 2 }))
        {
            var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            {
                while (await failing.ResponseStream.MoveNext())
                {
                }
            }).WaitAsync(Bound);
            Assert.Equal(StatusCode.Aborted, ex.StatusCode);
            Assert.Equal("stopped after 2 messages", ex.Status.Detail);
        }

        using (var sum = channel.ClientStreamingCall(TestServiceMethods.Sum))
        {
            for (var i = 1; i <= 100; i++)
            {
                await sum.RequestStream.WriteAsync(new SumRequest { Value = i });
            }

            await sum.RequestStream.CompleteAsync();
            Assert.Equal(5050, (await sum.ResponseAsync.WaitAsync(Bound)).Total);
        }

        using (var chat = channel.DuplexStreamingCall(TestServiceMethods.Chat))
        {
            await chat.RequestStream.WriteAsync(new EchoRequest { Text = "a" });
            Assert.True(await chat.ResponseStream.MoveNext().WaitAsync(Bound));
            Assert.Equal("re: a", chat.ResponseStream.Current.Text);
            await chat.RequestStream.CompleteAsync();
            Assert.False(await chat.ResponseStream.MoveNext().WaitAsync(Bound));
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { FailCode = (int)StatusCode.NotFound, FailMessage = "Fahrt fällt aus: 100% 🚌" }).ResponseAsync).WaitAsync(Bound);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("Fahrt fällt aus: 100% 🚌", error.Status.Detail);
        Assert.Equal("failed", error.Trailers.GetValue("x-fail-trailer"));

        var deadline = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { DelayMs = 20_000 }, new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(500))).ResponseAsync).WaitAsync(Bound);
        Assert.Equal(StatusCode.DeadlineExceeded, deadline.StatusCode);

        var missing = new Method<EchoRequest, EchoReply>(MethodType.Unary, TestServiceMethods.ServiceName, "Missing",
            EchoRequest.Parser, EchoReply.Parser);
        var unimplemented = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryCall(missing, new EchoRequest()).ResponseAsync).WaitAsync(Bound);
        Assert.Equal(StatusCode.Unimplemented, unimplemented.StatusCode);
    }

    /// <summary>The node server process this test started; stopped by closing its stdin, killed if it lingers.</summary>
    private sealed class NodeServer : IDisposable
    {
        private readonly Process _process;

        private NodeServer(Process process, int port)
        {
            _process = process;
            Port = port;
        }

        public int Port { get; }

        public static async Task<NodeServer> StartAsync()
        {
            var script = Path.Combine(Path.GetDirectoryName(InteropEnvironment.ScriptPath!)!, "interop_server.js");
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(script)!,
            };
            start.ArgumentList.Add(script);
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
            var stderr = process.StandardError.ReadToEndAsync();
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(Bound);
            if (line is null)
            {
                throw new InvalidOperationException($"interop_server.js exited without a port. stderr: {await stderr}");
            }

            using var json = JsonDocument.Parse(line);
            return new NodeServer(process, json.RootElement.GetProperty("port").GetInt32());
        }

        public void Dispose()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
