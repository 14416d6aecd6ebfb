using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DemandMobility.Rpc.Client;
using DemandMobility.Rpc.Tests.Proto;
using DemandMobility.Rpc.Tests.TestService;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace DemandMobility.Rpc.Tests;

/// <summary>Server options, interceptors and TLS, each on its own Kestrel instance.</summary>
public sealed class ServerConfigurationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Request_larger_than_the_server_limit_is_resource_exhausted_naming_the_size()
    {
        await using var host = await TestHost.StartAsync(o => o.MaxReceiveMessageSize = 1024);
        using var channel = new RpcChannel(host.Address);

        var ok = await channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[1000]) }).ResponseAsync.WaitAsync(Bound);
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[2000]) }).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(1000, ok.Payload.Length);
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("2003 > 1024 bytes", ex.Status.Detail);
    }

    [Fact]
    public async Task Gzip_bomb_beyond_the_limit_is_resource_exhausted()
    {
        await using var host = await TestHost.StartAsync(o => o.MaxReceiveMessageSize = 4096);
        using var channel = new RpcChannel(host.Address, new RpcChannelOptions { CompressRequests = true });

        // 100 kB of zeros compress far below the 4 kB limit; only the inflated size exceeds it.
        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest { Payload = ByteString.CopyFrom(new byte[100_000]) }).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("decompression", ex.Status.Detail);
    }

    [Fact]
    public async Task Interceptor_can_reject_calls_as_unauthenticated_and_see_metadata()
    {
        await using var host = await TestHost.StartAsync(o => o.Interceptors.Add(context =>
        {
            var authorization = context.RequestHeaders.GetValue("authorization");
            if (authorization is null)
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "Bearer token missing."));
            }

            if (authorization != "Bearer good")
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied, $"Token may not call {context.Method}."));
            }

            return Task.CompletedTask;
        }));
        using var channel = new RpcChannel(host.Address);

        var missing = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest()).ResponseAsync).WaitAsync(Bound);
        var denied = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(TestServiceMethods.Echo,
            new EchoRequest(), new CallOptions(new Metadata().Add("authorization", "Bearer bad"))).ResponseAsync).WaitAsync(Bound);
        var allowed = await channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest { Text = "in" },
            new CallOptions(new Metadata().Add("authorization", "Bearer good"))).ResponseAsync.WaitAsync(Bound);

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("/demandmobility.rpctest.v1.TestService/Echo", denied.Status.Detail);
        Assert.Equal("in", allowed.Text);
    }

    [Fact]
    public async Task Interceptor_rejection_of_a_client_stream_surfaces_as_the_calls_status()
    {
        await using var host = await TestHost.StartAsync(o => o.Interceptors.Add(_ =>
            throw new RpcException(new Status(StatusCode.Unauthenticated, "no token"))));
        using var channel = new RpcChannel(host.Address);
        using var call = channel.ClientStreamingCall(TestServiceMethods.Sum);

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new SumRequest { Value = 1 });
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        }).WaitAsync(Bound);

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Equal("no token", ex.Status.Detail);
    }

    [Theory]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    public async Task Http_error_without_grpc_status_is_mapped_by_the_client(int httpStatus, StatusCode expected)
    {
        // What an ASP.NET Core authorization failure (RequireAuthorization) or a proxy error looks like to a client.
        await using var host = await TestHost.StartAsync(configureApp: app =>
            app.MapPost("/plain.v1.Http/Fail", (Microsoft.AspNetCore.Http.HttpContext ctx) =>
            {
                ctx.Response.StatusCode = httpStatus;
                return Task.CompletedTask;
            }));
        using var channel = new RpcChannel(host.Address);
        var method = new Method<EchoRequest, EchoReply>(MethodType.Unary, "plain.v1.Http", "Fail", EchoRequest.Parser, EchoReply.Parser);

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(method, new EchoRequest()).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(expected, ex.StatusCode);
        Assert.Contains(httpStatus.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Status.Detail);
    }

    [Fact]
    public async Task Detailed_errors_option_sends_the_exception_message()
    {
        await using var host = await TestHost.StartAsync(o => o.EnableDetailedErrors = true);
        using var channel = new RpcChannel(host.Address);
        var ex = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest { Text = "throw" }).ResponseAsync).WaitAsync(Bound);
        Assert.Equal(StatusCode.Unknown, ex.StatusCode);
        Assert.Contains("secret internal detail", ex.Status.Detail);
    }

    [Fact]
    public async Task Unknown_service_fallback_answers_unimplemented()
    {
        await using var host = await TestHost.StartAsync(unknownServiceFallback: true);
        using var channel = new RpcChannel(host.Address);
        var other = new Method<EchoRequest, EchoReply>(MethodType.Unary, "other.v1.Nope", "Call", EchoRequest.Parser, EchoReply.Parser);

        var ex = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryCall(other, new EchoRequest()).ResponseAsync).WaitAsync(Bound);

        Assert.Equal(StatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task Tls_with_a_self_signed_certificate_serves_all_call_shapes_over_h2()
    {
        using var certificate = TestCertificates.CreateSelfSigned();
        await using var host = await TestHost.StartAsync(certificate: certificate);
        var address = new UriBuilder(host.Address) { Scheme = "https", Host = "localhost" }.Uri;
        using var channel = new RpcChannel(address, new RpcChannelOptions
        {
            ServerCertificateValidation = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString(),
        });

        var reply = await channel.UnaryCall(TestServiceMethods.Echo, new EchoRequest { Text = "tls" }).ResponseAsync.WaitAsync(Bound);
        using var countdown = channel.ServerStreamingCall(TestServiceMethods.Countdown, new CountdownRequest { From = 3 });
        var values = new List<int>();
        while (await countdown.ResponseStream.MoveNext().WaitAsync(Bound))
        {
            values.Add(countdown.ResponseStream.Current.Value);
        }

        Assert.Equal("tls", reply.Text);
        Assert.Equal([3, 2, 1], values);
    }

    [Fact]
    public async Task Http11_request_on_the_tls_endpoint_is_rejected_with_426()
    {
        using var certificate = TestCertificates.CreateSelfSigned();
        await using var host = await TestHost.StartAsync(certificate: certificate);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post,
            new UriBuilder(host.Address) { Scheme = "https", Host = "localhost", Path = "/demandmobility.rpctest.v1.TestService/Echo" }.Uri)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawProtocolTests.Frame([])),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");

        using var response = await http.SendAsync(request).WaitAsync(Bound);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Equal("13", response.Headers.GetValues("grpc-status").Single());
    }
}
