using System.Buffers;
using System.IO.Pipelines;
using DemandMobility.Rpc.Tests.Proto;
using DemandMobility.Rpc.Wire;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Xunit;

namespace DemandMobility.Rpc.Tests;

/// <summary>Length-prefixed framing and the pipe reader, independent of HTTP.</summary>
public sealed class FramingTests
{
    [Fact]
    public void Frame_header_is_flag_then_big_endian_length()
    {
        var writer = new ArrayBufferWriter<byte>();
        var message = new EchoRequest { Text = new string('a', 300) };
        MessageFraming.WriteFrame(writer, message, null, gzip: false);

        var bytes = writer.WrittenSpan.ToArray();
        var size = message.CalculateSize();
        Assert.Equal(new byte[] { 0, 0, 0, (byte)(size >> 8), (byte)size }, bytes[..5]);
        Assert.Equal(5 + size, bytes.Length);
    }

    [Fact]
    public void Header_split_before_five_bytes_needs_more_data()
    {
        var frame = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 0 });
        Assert.Equal(FrameReadStatus.NeedMoreData,
            MessageFraming.TryReadFrame(frame, 100, out _, out _, out _, out _));
    }

    [Fact]
    public void Declared_length_above_limit_is_reported_before_the_payload_arrives()
    {
        var header = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 1, 0 });
        Assert.Equal(FrameReadStatus.TooLarge,
            MessageFraming.TryReadFrame(header, 255, out _, out var length, out _, out _));
        Assert.Equal(256u, length);
    }

    [Fact]
    public void Messages_survive_any_split_of_the_byte_stream_including_zero_length_ones()
    {
        var texts = Gen.Elements("", "a", "Rufbus", new string('x', 200), "ö€🚌");
        var input = Gen.ArrayOf(texts).SelectMany(messages =>
            Gen.ArrayOf(Gen.Choose(1, 40)).Select(chunkSizes => (messages, chunkSizes)));

        Prop.ForAll(input.ToArbitrary(), sample =>
        {
            var (messages, chunkSizes) = sample;
            var wire = new ArrayBufferWriter<byte>();
            foreach (var text in messages)
            {
                MessageFraming.WriteFrame(wire, new EchoRequest { Text = text }, null, gzip: false);
            }

            var read = ReadAllThroughPipe(wire.WrittenSpan.ToArray(), chunkSizes);
            return read.SequenceEqual(messages);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Gzip_frames_round_trip_through_the_reader()
    {
        var wire = new ArrayBufferWriter<byte>();
        MessageFraming.WriteFrame(wire, new EchoRequest { Text = new string('k', 5000) }, null, gzip: true);
        MessageFraming.WriteFrame(wire, new EchoRequest(), null, gzip: true);

        var read = ReadAllThroughPipe(wire.WrittenSpan.ToArray(), [7, 3], encoding: "gzip");

        Assert.Equal([new string('k', 5000), ""], read);
        Assert.Equal(1, wire.WrittenSpan[0]);
    }

    [Fact]
    public void Compressed_flag_without_grpc_encoding_is_internal()
    {
        var wire = new ArrayBufferWriter<byte>();
        MessageFraming.WriteFrame(wire, new EchoRequest { Text = "x" }, null, gzip: true);
        var ex = Assert.Throws<RpcException>(() => ReadAllThroughPipe(wire.WrittenSpan.ToArray(), [100]));
        Assert.Equal(StatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public void Stream_ending_inside_a_frame_is_internal_with_byte_counts()
    {
        var wire = new ArrayBufferWriter<byte>();
        MessageFraming.WriteFrame(wire, new EchoRequest { Text = "abcdef" }, null, gzip: false);
        var bytes = wire.WrittenSpan.ToArray()[..^2];

        var ex = Assert.Throws<RpcException>(() => ReadAllThroughPipe(bytes, [3]));

        Assert.Equal(StatusCode.Internal, ex.StatusCode);
        Assert.Contains("after 6 of 8 bytes of message 1", ex.Status.Detail);
    }

    [Fact]
    public void Send_limit_is_resource_exhausted()
    {
        var ex = Assert.Throws<RpcException>(() => MessageFraming.WriteFrame(new ArrayBufferWriter<byte>(),
            new EchoRequest { Text = new string('a', 100) }, 50, gzip: false));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    private static List<string> ReadAllThroughPipe(byte[] wire, int[] chunkSizes, string? encoding = null)
    {
        // Small segments give multi-segment buffers; a concurrent producer makes the reader see partial frames.
        var pipe = new Pipe(new PipeOptions(minimumSegmentSize: 16, useSynchronizationContext: false));
        var producer = Task.Run(async () =>
        {
            var offset = 0;
            var chunk = 0;
            while (offset < wire.Length)
            {
                var size = chunkSizes.Length == 0
                    ? wire.Length
                    : Math.Min(chunkSizes[chunk++ % chunkSizes.Length], wire.Length - offset);
                pipe.Writer.Write(wire.AsSpan(offset, size));
                await pipe.Writer.FlushAsync();
                await Task.Yield();
                offset += size;
            }

            await pipe.Writer.CompleteAsync();
        });
        var reader = new MessageReader<EchoRequest>(pipe.Reader, EchoRequest.Parser, 1 << 20, encoding);
        var texts = new List<string>();
        try
        {
            while (reader.ReadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult() is { } message)
            {
                texts.Add(message.Text);
            }
        }
        finally
        {
            producer.GetAwaiter().GetResult();
        }

        return texts;
    }
}
