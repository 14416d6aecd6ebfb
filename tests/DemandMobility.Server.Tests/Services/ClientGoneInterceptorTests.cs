using DemandMobility.Server.Services;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace DemandMobility.Server.Tests.Services;

/// <summary>A client reset racing a handler is logged at debug and ends the call as CANCELLED; real faults stay faults.</summary>
public sealed class ClientGoneInterceptorTests
{
    [Theory]
    [InlineData("io")]
    [InlineData("cancelled")]
    [InlineData("complete")]
    public async Task A_failure_caused_by_the_client_leaving_is_one_debug_line_and_cancelled(string failure)
    {
        var logger = new RecordingLogger();
        var interceptor = new ClientGoneInterceptor(logger);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        Exception thrown = failure switch
        {
            "io" => new IOException("The client reset the request stream."),
            "cancelled" => new OperationCanceledException(),
            _ => new InvalidOperationException("Can't write the message because the request is complete."),
        };

        var error = await Assert.ThrowsAsync<RpcException>(() => interceptor.UnaryServerHandler<string, string>("x", new FakeCallContext(gone.Token),
            (_, _) => throw thrown));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.DoesNotContain("\n", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_while_the_client_is_still_there_is_left_to_the_error_handling()
    {
        var logger = new RecordingLogger();
        var interceptor = new ClientGoneInterceptor(logger);
        await Assert.ThrowsAsync<IOException>(() => interceptor.UnaryServerHandler<string, string>("x", new FakeCallContext(CancellationToken.None),
            (_, _) => throw new IOException("disk full")));
        Assert.Empty(logger.Entries);
    }

    private sealed class RecordingLogger : ILogger<ClientGoneInterceptor>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }

    private sealed class FakeCallContext(CancellationToken token) : ServerCallContext
    {
        protected override string MethodCore => "/demandmobility.v1.BookingService/GetBooking";
        protected override string HostCore => "127.0.0.1";
        protected override string PeerCore => "ipv4:127.0.0.1:1";
        protected override DateTime DeadlineCore => DateTime.MaxValue;
        protected override Metadata RequestHeadersCore => [];
        protected override CancellationToken CancellationTokenCore => token;
        protected override Metadata ResponseTrailersCore => [];
        protected override Status StatusCore { get; set; }
        protected override WriteOptions? WriteOptionsCore { get; set; }
        protected override AuthContext AuthContextCore => new(null, []);

        protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => throw new NotSupportedException();

        protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
    }
}
