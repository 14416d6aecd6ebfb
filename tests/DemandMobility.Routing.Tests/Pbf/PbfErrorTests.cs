using System.Buffers.Binary;
using DemandMobility.Routing.Pbf;
using DemandMobility.Routing.Pbf.Protos;
using DemandMobility.Routing.Tests.TestMaps;
using Google.Protobuf;
using Xunit;

namespace DemandMobility.Routing.Tests.Pbf;

public sealed class PbfErrorTests : IDisposable
{
    private readonly List<string> _files = new();

    public void Dispose()
    {
        foreach (string f in _files)
            File.Delete(f);
    }

    private string Temp(byte[] content)
    {
        string path = TestPaths.TempFile();
        _files.Add(path);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static void ReadEverything(string path)
    {
        using var reader = PbfReader.Open(path);
        foreach (var _ in reader.ReadElements())
        {
        }
    }

    private static PbfFormatException AssertFails(string path, long expectedOffset, string expectedText)
    {
        var ex = Assert.Throws<PbfFormatException>(() => ReadEverything(path));
        Assert.Equal(expectedOffset, ex.Offset);
        Assert.Contains(path, ex.Message);
        Assert.Contains($"offset {expectedOffset}", ex.Message);
        Assert.Contains(expectedText, ex.Message, StringComparison.OrdinalIgnoreCase);
        return ex;
    }

    /// <summary>A small valid file (zlib) and the offsets of its blobs.</summary>
    private static (byte[] Bytes, List<long> BlobOffsets) SmallFile(PbfCompression compression = PbfCompression.Zlib)
    {
        using var stream = new MemoryStream();
        using (var writer = new PbfWriter(new NonDisposingStream(stream), compression))
        {
            for (int i = 1; i <= 50; i++)
                writer.WriteNode(i, 500_000_000 + i, 110_000_000 + i, OsmTags.Of(("name", "n" + i)));
            writer.WriteWay(1, [1, 2, 3], OsmTags.Of(("highway", "residential")));
        }
        byte[] bytes = stream.ToArray();
        var offsets = new List<long>();
        long pos = 0;
        while (pos < bytes.Length)
        {
            offsets.Add(pos);
            int headerLength = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan((int)pos));
            var header = BlobHeader.Parser.ParseFrom(bytes.AsSpan((int)pos + 4, headerLength));
            pos += 4 + headerLength + header.Datasize;
        }
        return (bytes, offsets);
    }

    private static byte[] HeaderBlob()
    {
        var (bytes, offsets) = SmallFile();
        return bytes[..(int)offsets[1]];
    }

    private static byte[] Blob(string type, Blob blob)
    {
        using var s = new MemoryStream();
        PbfWriter.WriteRawBlob(s, type, blob.ToByteArray());
        return s.ToArray();
    }

    [Fact]
    public void Small_file_is_valid()
    {
        var (bytes, offsets) = SmallFile();
        Assert.True(offsets.Count >= 3);
        using var reader = PbfReader.Open(new MemoryStream(bytes), "memory");
        Assert.Equal(51, reader.ReadElements().Count());
    }

    [Fact]
    public void Truncated_real_file_names_the_offset_of_the_cut_blob()
    {
        byte[] full = File.ReadAllBytes(TestPaths.NorthBayreuth);
        string path = Temp(full[..(full.Length / 2)]);
        var ex = Assert.Throws<PbfFormatException>(() => ReadEverything(path));
        Assert.InRange(ex.Offset, 1, full.Length / 2);
        Assert.Contains("truncated", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void File_cut_inside_the_length_prefix_is_truncated()
    {
        var (bytes, offsets) = SmallFile();
        string path = Temp(bytes[..((int)offsets[1] + 2)]);
        AssertFails(path, offsets[1], "truncated");
    }

    [Fact]
    public void Corrupted_zlib_data_is_reported_at_its_blob()
    {
        var (bytes, offsets) = SmallFile();
        // Overwrite the middle of the first data blob's compressed payload.
        long start = offsets[1], end = offsets[2];
        for (long i = start + (end - start) / 2; i < end - 4; i++)
            bytes[i] = 0xFF;
        string path = Temp(bytes);
        AssertFails(path, offsets[1], "");
    }

    [Fact]
    public void Garbage_file_is_not_pbf()
    {
        string path = Temp(System.Text.Encoding.ASCII.GetBytes("<?xml version='1.0'?><osm version='0.6'></osm>"));
        var ex = Assert.Throws<PbfFormatException>(() => PbfReader.Open(path));
        Assert.Equal(0, ex.Offset);
        Assert.Contains("not an OSM PBF file", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Random_bytes_never_leak_other_exceptions()
    {
        var random = new Random(11);
        for (int i = 0; i < 200; i++)
        {
            var (bytes, offsets) = SmallFile(i % 2 == 0 ? PbfCompression.None : PbfCompression.Zlib);
            int flips = random.Next(1, 4);
            for (int k = 0; k < flips; k++)
                bytes[random.Next((int)offsets[1], bytes.Length)] = (byte)random.Next(256);
            try
            {
                using var reader = PbfReader.Open(new MemoryStream(bytes), "fuzz");
                foreach (var _ in reader.ReadElements())
                {
                }
            }
            catch (PbfFormatException)
            {
                // expected for most corruptions; some flips land in harmless places (coordinates, names)
            }
        }
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        string path = Temp([]);
        var ex = Assert.Throws<PbfFormatException>(() => PbfReader.Open(path));
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void Lzma_blob_is_unsupported()
    {
        byte[] header = HeaderBlob();
        byte[] lzma = Blob("OSMData", new Blob { RawSize = 10, LzmaData = ByteString.CopyFrom(1, 2, 3, 4) });
        string path = Temp([.. header, .. lzma]);
        AssertFails(path, header.Length, "LZMA");
    }

    [Fact]
    public void Zstd_blob_is_unsupported()
    {
        byte[] header = HeaderBlob();
        byte[] zstd = Blob("OSMData", new Blob { RawSize = 10, ZstdData = ByteString.CopyFrom(1, 2, 3, 4) });
        string path = Temp([.. header, .. zstd]);
        AssertFails(path, header.Length, "zstd");
    }

    [Fact]
    public void Oversized_blob_header_is_rejected()
    {
        byte[] header = HeaderBlob();
        byte[] big = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(big, 64 * 1024);
        string path = Temp([.. header, .. big]);
        AssertFails(path, header.Length, "BlobHeader length 65536");
    }

    [Fact]
    public void Oversized_blob_is_rejected()
    {
        byte[] header = HeaderBlob();
        byte[] blobHeader = new BlobHeader { Type = "OSMData", Datasize = 40 * 1024 * 1024 }.ToByteArray();
        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, blobHeader.Length);
        string path = Temp([.. header, .. prefix, .. blobHeader]);
        AssertFails(path, header.Length, "Blob size 41943040");
    }

    [Fact]
    public void Unknown_required_feature_is_rejected()
    {
        var headerBlock = new HeaderBlock();
        headerBlock.RequiredFeatures.Add("OsmSchema-V0.6");
        headerBlock.RequiredFeatures.Add("HistoricalInformation");
        string path = Temp(Blob("OSMHeader", new Blob { Raw = headerBlock.ToByteString() }));
        var ex = Assert.Throws<PbfFormatException>(() => PbfReader.Open(path));
        Assert.Contains("HistoricalInformation", ex.Message);
    }

    [Fact]
    public void Bad_string_index_is_reported_not_leaked()
    {
        byte[] header = HeaderBlob();
        var block = new PrimitiveBlock { Stringtable = new StringTable() };
        block.Stringtable.S.Add(ByteString.Empty);
        var way = new Way { Id = 1 };
        way.Keys.Add(5);
        way.Vals.Add(6);
        way.Refs.Add(1);
        var group = new PrimitiveGroup();
        group.Ways.Add(way);
        block.Primitivegroup.Add(group);
        string path = Temp([.. header, .. Blob("OSMData", new Blob { Raw = block.ToByteString() })]);
        AssertFails(path, header.Length, "string index 5");
    }

    [Fact]
    public void Granularity_and_offsets_are_applied_to_dense_and_plain_nodes()
    {
        byte[] header = HeaderBlob();
        var block = new PrimitiveBlock { Stringtable = new StringTable(), Granularity = 1000, LatOffset = 1_234_500, LonOffset = -500 };
        block.Stringtable.S.Add(ByteString.Empty);
        var dense = new DenseNodes();
        dense.Id.Add(10); dense.Lat.Add(50_000_000); dense.Lon.Add(11_000_000);
        dense.Id.Add(1); dense.Lat.Add(1); dense.Lon.Add(-1); // delta coded: id 11, +1000 nanodegrees
        var group = new PrimitiveGroup { Dense = dense };
        block.Primitivegroup.Add(group);
        var plain = new PrimitiveGroup();
        plain.Nodes.Add(new Node { Id = 20, Lat = -10_000_000, Lon = 20_000_000 });
        block.Primitivegroup.Add(plain);
        using var reader = PbfReader.Open(new MemoryStream([.. header, .. Blob("OSMData", new Blob { Raw = block.ToByteString() })]), "memory");
        var nodes = reader.ReadElements().Cast<OsmNode>().ToList();
        // lat = (1 234 500 + 1000 * 50 000 000) nanodegrees = 50.0012345 degrees.
        Assert.Equal(new[] { 10L, 11L, 20L }, nodes.Select(n => n.Id));
        Assert.Equal(500_012_345, nodes[0].LatitudeE7);
        Assert.Equal(109_999_995, nodes[0].LongitudeE7); // 11 degrees - 500 nanodegrees
        Assert.Equal(500_012_355, nodes[1].LatitudeE7);
        Assert.Equal(109_999_985, nodes[1].LongitudeE7);
        Assert.Equal(-99_987_655, nodes[2].LatitudeE7);
    }

    [Fact]
    public void Unknown_blob_types_are_skipped()
    {
        var (bytes, _) = SmallFile();
        byte[] header = HeaderBlob();
        byte[] unknown = Blob("OSMIndex", new Blob { Raw = ByteString.CopyFrom(9, 9, 9) });
        using var reader = PbfReader.Open(new MemoryStream([.. header, .. unknown, .. bytes[header.Length..]]), "memory");
        Assert.Equal(51, reader.ReadElements().Count());
    }

    /// <summary>Lets the writer dispose its stream while the test keeps the MemoryStream.</summary>
    private sealed class NonDisposingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
