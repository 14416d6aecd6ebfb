using System.Buffers.Binary;

namespace DemandMobility.Routing.Storage;

/// <summary>
/// The envelope our binary data files share (the road graph <c>.dmg</c>, the timetable <c>.dmt</c>): a 32-byte
/// header, then a payload of raw little-endian values whose XXH64 checksum the header carries.
/// </summary>
/// <remarks>
/// Header: 8 magic bytes naming the kind, uint32 format version, uint32 reserved, int64 payload length, uint64
/// payload checksum (XXH64 seeded with the format version, <see cref="System.IO.Hashing.XxHash64"/>). Writing goes to a
/// temporary file renamed over the target, so a reader never sees half a file; the header is written last, so a
/// crash leaves a file whose checksum cannot match.
/// </remarks>
public sealed class BinaryContainer
{
    /// <summary>Bytes before the payload.</summary>
    public const int HeaderLength = 32;

    private readonly byte[] _magic;

    /// <param name="kind">What the file holds, in messages ("graph", "timetable").</param>
    /// <param name="magic">Exactly 8 bytes at offset 0.</param>
    /// <param name="formatVersion">The layout version this program writes and reads.</param>
    public BinaryContainer(string kind, ReadOnlySpan<byte> magic, uint formatVersion)
    {
        if (magic.Length != 8) throw new ArgumentException($"magic must be 8 bytes, got {magic.Length}", nameof(magic));
        Kind = kind;
        _magic = magic.ToArray();
        FormatVersion = formatVersion;
    }

    /// <summary>What the file holds, in messages.</summary>
    public string Kind { get; }

    /// <summary>The layout version this program writes and reads.</summary>
    public uint FormatVersion { get; }

    /// <summary>Writes header and payload atomically (temporary file + rename).</summary>
    public void WriteAtomically(string path, Action<ContainerWriter> writePayload)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                fs.Write(new byte[HeaderLength]);
                var writer = new ContainerWriter(fs, FormatVersion);
                writePayload(writer);

                Span<byte> header = stackalloc byte[HeaderLength];
                _magic.CopyTo(header);
                BinaryPrimitives.WriteUInt32LittleEndian(header[8..], FormatVersion);
                BinaryPrimitives.WriteInt64LittleEndian(header[16..], fs.Position - HeaderLength);
                BinaryPrimitives.WriteUInt64LittleEndian(header[24..], writer.Checksum);
                fs.Position = 0;
                fs.Write(header);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { /* best effort: the temp name is unique */ }
            throw;
        }
    }

    /// <summary>
    /// Opens a file and checks its header. On <see cref="ContainerFault.None"/> the result holds a reader positioned at
    /// the payload (the caller disposes it and checks <see cref="ContainerReader.ChecksumMatches"/> after reading all).
    /// </summary>
    public ContainerOpenResult Open(string path)
    {
        if (!File.Exists(path)) return Fail(ContainerFault.Missing, $"{path}: {Kind} file does not exist");
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            long fileLength = fs.Length;
            if (fileLength < HeaderLength)
                return Close(ContainerFault.Truncated, $"{path}: truncated: {fileLength} bytes, shorter than the {HeaderLength}-byte header");
            Span<byte> header = stackalloc byte[HeaderLength];
            fs.ReadExactly(header);
            if (!header[..8].SequenceEqual(_magic))
                return Close(ContainerFault.Foreign, $"{path}: not a DemandMobility {Kind} file (bad magic bytes at offset 0)");
            uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            if (version != FormatVersion)
                return Close(ContainerFault.WrongVersion, $"{path}: {Kind} file format version {version}, this program reads version {FormatVersion}");
            long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
            ulong checksum = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
            if (payloadLength < 0 || HeaderLength + payloadLength > fileLength)
                return Close(ContainerFault.Truncated, $"{path}: truncated: header declares {HeaderLength + payloadLength} bytes but the file has {fileLength}");
            if (HeaderLength + payloadLength < fileLength)
                return Close(ContainerFault.TrailingBytes, $"{path}: {fileLength - HeaderLength - payloadLength} unexpected bytes after the payload at byte {HeaderLength + payloadLength}");
            return new ContainerOpenResult(ContainerFault.None, new ContainerReader(fs, path, fileLength, FormatVersion, checksum), $"{path}: header ok");
        }
        catch
        {
            fs.Dispose();
            throw;
        }

        ContainerOpenResult Close(ContainerFault fault, string message)
        {
            fs.Dispose();
            return Fail(fault, message);
        }
    }

    private static ContainerOpenResult Fail(ContainerFault fault, string message) => new(fault, null, message);
}

/// <summary>The outcome of <see cref="BinaryContainer.Open"/>: a reader when <see cref="Fault"/> is <see cref="ContainerFault.None"/>.</summary>
public sealed record ContainerOpenResult(ContainerFault Fault, ContainerReader? Reader, string Message);
