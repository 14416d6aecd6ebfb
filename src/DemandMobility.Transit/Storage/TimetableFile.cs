using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Storage;

/// <summary>
/// The versioned binary timetable file (<c>.dmt</c>), kept beside the road graph file and built like it.
/// </summary>
/// <remarks>
/// Layout, little-endian: 8 magic bytes <c>"DMTTBL\x1A\x00"</c>, uint32 format version, uint32 reserved, int64
/// payload length, uint64 payload checksum, then the payload: the feed identity and every array of the
/// timetable in a fixed order, each as int64 element count and raw elements (string arrays as UTF-8 bytes
/// plus end offsets). Written to a temporary file renamed over the target, so a reader never sees half a file;
/// a damaged, truncated, foreign or stale file is reported, never half-loaded.
/// </remarks>
public static class TimetableFile
{
    /// <summary>Current format version; bump when the layout or the meaning of a field changes.</summary>
    public const uint FormatVersion = 1;

    private const int HeaderLength = 32;
    private static ReadOnlySpan<byte> Magic => "DMTTBL\x1A\0"u8;

    /// <summary>Writes a timetable atomically.</summary>
    public static void Write(string path, Timetable timetable, FeedIdentity source)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                fs.Write(new byte[HeaderLength]);
                var w = new Writer(fs);
                w.Long(source.FeedLength); w.Long((long)source.FeedChecksum); w.Strings([source.Settings]);
                var p = timetable.Parts;
                w.Strings([p.FeedName, p.TimeZone]);
                w.Ints([p.FirstDay, p.DayCount]);
                w.Strings(p.AgencyIds); w.Strings(p.AgencyNames);
                w.Strings(p.StopIds); w.Strings(p.StopNames); w.Array(p.StopLat); w.Array(p.StopLon); w.Array(p.StopParent);
                w.Array(p.StopLocationType); w.Array(p.StopMinChange);
                w.Strings(p.RouteIds); w.Strings(p.RouteNames); w.Array(p.RouteType); w.Array(p.RouteAgency);
                w.Strings(p.TripIds); w.Strings(p.TripHeadsigns); w.Array(p.TripRoute); w.Array(p.TripService); w.Array(p.TripFirst);
                w.Array(p.StopTimeStop); w.Array(p.StopTimeArrival); w.Array(p.StopTimeDeparture); w.Array(p.StopTimeFlags);
                w.Strings(p.ServiceIds); w.Array(p.ServiceDays);
                w.Array(p.TransferFrom); w.Array(p.TransferTo); w.Array(p.TransferSeconds); w.Array(p.TransferType);
                w.Array(timetable.FootFirst); w.Array(timetable.FootTarget); w.Array(timetable.FootSeconds);
                w.Array(timetable.ConnStopTime); w.Array(timetable.ConnDep); w.Array(timetable.ConnArr); w.Array(timetable.ConnTrip);

                Span<byte> header = stackalloc byte[HeaderLength];
                Magic.CopyTo(header);
                BinaryPrimitives.WriteUInt32LittleEndian(header[8..], FormatVersion);
                BinaryPrimitives.WriteInt64LittleEndian(header[16..], fs.Position - HeaderLength);
                BinaryPrimitives.WriteUInt64LittleEndian(header[24..], w.Checksum);
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

    /// <summary>Reads and verifies a timetable file; with <paramref name="expected"/>, a file from another feed is stale.</summary>
    public static TimetableFileReadResult Read(string path, FeedIdentity? expected = null)
    {
        if (!File.Exists(path)) return Fail(TimetableFileStatus.Missing, $"{path}: timetable file does not exist");
        try
        {
            using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            long fileLength = fs.Length;
            if (fileLength < HeaderLength) return Fail(TimetableFileStatus.Damaged, $"{path}: truncated: {fileLength} bytes, shorter than the header");
            Span<byte> header = stackalloc byte[HeaderLength];
            fs.ReadExactly(header);
            if (!header[..8].SequenceEqual(Magic)) return Fail(TimetableFileStatus.Damaged, $"{path}: not a DemandMobility timetable file (bad magic bytes)");
            uint version = BinaryPrimitives.ReadUInt32LittleEndian(header[8..]);
            if (version != FormatVersion)
                return Fail(TimetableFileStatus.WrongVersion, $"{path}: timetable file format version {version}, this program reads version {FormatVersion}");
            long payload = BinaryPrimitives.ReadInt64LittleEndian(header[16..]);
            ulong checksum = BinaryPrimitives.ReadUInt64LittleEndian(header[24..]);
            if (payload < 0 || HeaderLength + payload != fileLength)
                return Fail(TimetableFileStatus.Damaged, $"{path}: header declares {HeaderLength + payload} bytes but the file has {fileLength}");
            var r = new Reader(fs, path, fileLength);
            var source = new FeedIdentity(r.Long(), (ulong)r.Long(), r.Strings()[0]);
            var labels = r.Strings();
            var days = r.Array<int>();
            var parts = new TimetableParts(labels[0], labels[1],
                r.Strings(), r.Strings(),
                r.Strings(), r.Strings(), r.Array<double>(), r.Array<double>(), r.Array<int>(), r.Array<byte>(), r.Array<int>(),
                r.Strings(), r.Strings(), r.Array<int>(), r.Array<int>(),
                r.Strings(), r.Strings(), r.Array<int>(), r.Array<int>(), r.Array<int>(),
                r.Array<int>(), r.Array<int>(), r.Array<int>(), r.Array<byte>(),
                r.Strings(), days[0], days[1], r.Array<byte>(),
                r.Array<int>(), r.Array<int>(), r.Array<int>(), r.Array<byte>());
            var footFirst = r.Array<int>(); var footTarget = r.Array<int>(); var footSeconds = r.Array<int>();
            var connSt = r.Array<int>(); var connDep = r.Array<int>(); var connArr = r.Array<int>(); var connTrip = r.Array<int>();
            if (r.Checksum != checksum)
                return Fail(TimetableFileStatus.Damaged, $"{path}: payload checksum mismatch (stored {checksum:x16}, computed {r.Checksum:x16}): the file is damaged");
            var timetable = new Timetable(parts, footFirst, footTarget, footSeconds, connSt, connDep, connArr, connTrip);
            if (expected is not null && expected != source)
                return new TimetableFileReadResult(TimetableFileStatus.Stale, timetable, source, $"{path}: stale: built from {source}, current feed is {expected}");
            return new TimetableFileReadResult(TimetableFileStatus.Ok, timetable, source, $"{path}: ok");
        }
        catch (IOException e)
        {
            return Fail(TimetableFileStatus.Damaged, $"{path}: {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return Fail(TimetableFileStatus.Damaged, $"{path}: inconsistent content: {e.Message}");
        }
    }

    private static TimetableFileReadResult Fail(TimetableFileStatus status, string message) => new(status, null, null, message);

    private sealed class Writer(Stream s)
    {
        private FeedChecksum _sum = new(FormatVersion);

        public ulong Checksum => _sum.Value;

        private void Raw(ReadOnlySpan<byte> bytes)
        {
            _sum.Append(bytes);
            s.Write(bytes);
        }

        public void Long(long v)
        {
            Span<byte> b = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(b, v);
            Raw(b);
        }

        public void Ints(int[] v) => Array(v);

        public void Array<T>(T[] values) where T : unmanaged
        {
            Long(values.LongLength);
            // Large arrays in slices: the checksum and stream see the same bytes either way.
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            for (int i = 0; i < bytes.Length; i += 1 << 24) Raw(bytes.Slice(i, Math.Min(1 << 24, bytes.Length - i)));
        }

        public void Strings(string[] values)
        {
            var ends = new int[values.Length];
            using var blob = new MemoryStream();
            for (int i = 0; i < values.Length; i++)
            {
                var b = Encoding.UTF8.GetBytes(values[i]);
                blob.Write(b);
                ends[i] = checked((int)blob.Length);
            }
            Array(ends);
            Array(blob.ToArray());
        }
    }

    private sealed class Reader(Stream s, string path, long fileLength)
    {
        private FeedChecksum _sum = new(FormatVersion);

        public ulong Checksum => _sum.Value;

        private void Raw(Span<byte> into)
        {
            if (s.Position + into.Length > fileLength) throw new IOException($"truncated at byte {s.Position} of {path}");
            s.ReadExactly(into);
            _sum.Append(into);
        }

        public long Long()
        {
            Span<byte> b = stackalloc byte[8];
            Raw(b);
            return BinaryPrimitives.ReadInt64LittleEndian(b);
        }

        public T[] Array<T>() where T : unmanaged
        {
            long at = s.Position;
            long count = Long();
            long bytes = count * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
            if (count < 0 || count > int.MaxValue || s.Position + bytes > fileLength)
                throw new IOException($"array at byte {at} declares {count} elements, more than the file holds");
            var values = new T[count];
            var span = MemoryMarshal.AsBytes(values.AsSpan());
            for (int i = 0; i < span.Length; i += 1 << 24) Raw(span.Slice(i, Math.Min(1 << 24, span.Length - i)));
            return values;
        }

        public string[] Strings()
        {
            var ends = Array<int>();
            var blob = Array<byte>();
            var r = new string[ends.Length];
            int start = 0;
            for (int i = 0; i < ends.Length; i++)
            {
                if (ends[i] < start || ends[i] > blob.Length) throw new IOException($"string table of {path} is inconsistent");
                r[i] = Encoding.UTF8.GetString(blob, start, ends[i] - start);
                start = ends[i];
            }
            return r;
        }
    }
}
