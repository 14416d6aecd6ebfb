using DemandMobility.Routing.Storage;
using Xunit;

namespace DemandMobility.Routing.Tests.Storage;

public sealed class BinaryContainerTests : IDisposable
{
    private static readonly BinaryContainer Sample = new("sample", "DMTEST\x1A\0"u8, 7);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dm-container-tests-" + Guid.NewGuid().ToString("N"));

    public BinaryContainerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name = "a.bin")
    {
        string path = Path.Combine(_dir, name);
        Sample.WriteAtomically(path, w =>
        {
            w.Long(-42);
            w.Array(new[] { 1.5, -2.25, 3e9 });
            w.Strings(["Bayreuth", "", "Weißenstadt"]);
        });
        return path;
    }

    [Fact]
    public void Values_come_back_in_the_order_written_and_the_checksum_matches()
    {
        var open = Sample.Open(Write());
        Assert.Equal(ContainerFault.None, open.Fault);
        using var r = open.Reader!;
        Assert.Equal(-42, r.Long());
        Assert.Equal(new[] { 1.5, -2.25, 3e9 }, r.Array<double>("numbers"));
        Assert.Equal(new[] { "Bayreuth", "", "Weißenstadt" }, r.Strings("names"));
        Assert.True(r.ChecksumMatches);
    }

    [Fact]
    public void A_flipped_payload_bit_fails_the_checksum_and_names_the_file()
    {
        string path = Write();
        var bytes = File.ReadAllBytes(path);
        bytes[BinaryContainer.HeaderLength + 3] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        using var r = Sample.Open(path).Reader!;
        r.Long(); r.Array<double>("numbers"); r.Strings("names");
        Assert.False(r.ChecksumMatches);
        Assert.StartsWith(path, r.ChecksumMessage);
        Assert.Contains("damaged", r.ChecksumMessage);
    }

    [Fact]
    public void Header_faults_are_told_apart()
    {
        string path = Write();
        var bytes = File.ReadAllBytes(path);

        Assert.Equal(ContainerFault.Missing, Sample.Open(path + ".none").Fault);

        File.WriteAllBytes(path, bytes[..(bytes.Length - 1)]);
        Assert.Equal(ContainerFault.Truncated, Sample.Open(path).Fault);
        File.WriteAllBytes(path, bytes[..10]);
        Assert.Equal(ContainerFault.Truncated, Sample.Open(path).Fault);

        File.WriteAllBytes(path, [.. bytes, 0]);
        Assert.Equal(ContainerFault.TrailingBytes, Sample.Open(path).Fault);

        var other = new BinaryContainer("other", "DMOTHER\x1A"u8, 7);
        File.WriteAllBytes(path, bytes);
        var foreign = other.Open(path);
        Assert.Equal(ContainerFault.Foreign, foreign.Fault);
        Assert.Contains("not a DemandMobility other file", foreign.Message);

        var newer = new BinaryContainer("sample", "DMTEST\x1A\0"u8, 8);
        var wrong = newer.Open(path);
        Assert.Equal(ContainerFault.WrongVersion, wrong.Fault);
        Assert.Contains("version 7", wrong.Message);
    }

    [Fact]
    public void A_count_past_the_end_throws_before_allocating()
    {
        string path = Path.Combine(_dir, "count.bin");
        Sample.WriteAtomically(path, w => w.Long(int.MaxValue));
        using var r = Sample.Open(path).Reader!;
        var e = Assert.Throws<ContainerTruncatedException>(() => r.Array<long>("huge"));
        Assert.Contains("'huge'", e.Message);
    }
}
