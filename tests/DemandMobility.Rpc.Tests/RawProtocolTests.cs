using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using DemandMobility.Rpc.Tests.Proto;
using DemandMobility.Rpc.Tests.TestService;
using Google.Protobuf;
using Xunit;

namespace DemandMobility.Rpc.Tests;

/// <summary>
/// Requests crafted byte by byte with a plain HttpClient, to check what the server puts on the wire
/// (trailers-only responses, HTTP-level rejections, malformed frames) independently of our client.
/// </summary>
public sealed class RawProtocolTests(SharedTestHost fixture) : IClassFixture<SharedTestHost>, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Failure_before_any_message_is_a_trailers_only_response()
    {
        var body = Frame(new EchoRequest { FailCode = (int)StatusCode.NotFound, FailMessage = "ä 100%" }.ToByteArray());
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo", body);
        var content = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("5", Header(response, "grpc-status"));
        Assert.Equal("%C3%A4 100%25", Header(response, "grpc-message"));
        Assert.Empty(content);
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task Successful_call_sends_one_frame_then_status_in_trailers()
    {
        var body = Frame(new EchoRequest { Text = "t" }.ToByteArray());
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo", body);
        var content = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(0, content[0]);
        Assert.Equal(content.Length - 5, (int)BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(1)));
        Assert.Equal("t", EchoReply.Parser.ParseFrom(content.AsSpan(5)).Text);
        Assert.False(response.Headers.Contains("grpc-status"));
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Wrong_content_type_is_http_415()
    {
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo", [], "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Theory]
    [InlineData("application/grpc+proto")]
    [InlineData("application/grpc; charset=utf-8")]
    public async Task Grpc_content_type_variants_are_accepted(string contentType)
    {
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo",
            Frame(new EchoRequest { Text = "v" }.ToByteArray()), contentType);
        await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Malformed_protobuf_is_internal_with_a_clear_message()
    {
        // Field 1 (string) claims 100 bytes but only 2 follow.
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo", Frame([0x0A, 100, 1, 2]));
        Assert.Equal("13", Header(response, "grpc-status"));
        Assert.Contains("EchoRequest", Decode(Header(response, "grpc-message")));
    }

    [Fact]
    public async Task Truncated_frame_is_internal_naming_the_missing_bytes()
    {
        var frame = Frame(new EchoRequest { Text = "truncated" }.ToByteArray());
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo", frame[..^3]);
        Assert.Equal("13", Header(response, "grpc-status"));
        Assert.Contains("Incomplete message", Decode(Header(response, "grpc-message")));
    }

    [Fact]
    public async Task Invalid_compressed_flag_is_internal()
    {
        var frame = Frame(new EchoRequest().ToByteArray());
        frame[0] = 7;
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo", frame);
        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Fact]
    public async Task Two_messages_for_a_unary_method_are_internal()
    {
        var one = Frame(new EchoRequest { Text = "1" }.ToByteArray());
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo", [.. one, .. one]);
        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Fact]
    public async Task Unknown_grpc_encoding_is_unimplemented()
    {
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo",
            Frame(new EchoRequest().ToByteArray()), extraHeaders: [("grpc-encoding", "snappy")]);
        Assert.Equal("12", Header(response, "grpc-status"));
        Assert.Contains("snappy", Decode(Header(response, "grpc-message")));
    }

    [Fact]
    public async Task Gzip_frame_is_inflated()
    {
        var raw = new EchoRequest { Text = "komprimiert" }.ToByteArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        var frame = Frame(compressed.ToArray());
        frame[0] = 1;
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo", frame,
            extraHeaders: [("grpc-encoding", "gzip")]);
        var content = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("komprimiert", EchoReply.Parser.ParseFrom(content.AsSpan(5)).Text);
    }

    [Fact]
    public async Task Server_enforces_grpc_timeout_by_itself()
    {
        var key = "server-deadline-" + Guid.NewGuid();
        var body = Frame(new EchoRequest { Text = key, DelayMs = 60_000 }.ToByteArray());
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo", body,
            extraHeaders: [("grpc-timeout", "500m")]);

        Assert.Equal("4", Header(response, "grpc-status"));
        await fixture.Host.Service.Probe(key).Cancelled.Task.WaitAsync(Bound);
    }

    [Fact]
    public async Task Invalid_grpc_timeout_is_internal()
    {
        using var response = await SendAsync("/demandmobility.rpctest.v1.TestService/Echo",
            Frame(new EchoRequest().ToByteArray()), extraHeaders: [("grpc-timeout", "123456789S")]);
        Assert.Equal("13", Header(response, "grpc-status"));
    }

    [Fact]
    public async Task Get_request_is_rejected()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Host.Address, "/demandmobility.rpctest.v1.TestService/Echo"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await _http.SendAsync(request).WaitAsync(Bound);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, byte[] body, string contentType = "application/grpc",
        (string Name, string Value)[]? extraHeaders = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Host.Address, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach (var (name, value) in extraHeaders ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await _http.SendAsync(request).WaitAsync(Bound);
        await response.Content.LoadIntoBufferAsync().WaitAsync(Bound);
        return response;
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static string Decode(string? wire) => Wire.StatusMessageEncoding.Decode(wire);

    internal static byte[] Frame(byte[] payload)
    {
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }
}
