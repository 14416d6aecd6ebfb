using System.Text;

namespace DemandMobility.Routing.Places;

/// <summary>
/// The cached place index of a region: a small binary file next to the graph file, rebuilt when the extract changes
/// (its length and last-write time are stored in the header).
/// </summary>
public static class PlaceIndexFile
{
    private const string Magic = "DMPLACES";
    private const int Version = 1;

    /// <summary>
    /// Loads the index cached at <paramref name="cachePath"/> if it was built from <paramref name="pbfPath"/> as it is now;
    /// otherwise builds it from the extract and writes the cache (atomically, via a temporary file).
    /// </summary>
    public static PlaceIndex LoadOrBuild(string pbfPath, string cachePath)
    {
        var source = new FileInfo(pbfPath);
        if (!source.Exists) throw new FileNotFoundException($"OSM extract '{pbfPath}' not found.", pbfPath);
        if (File.Exists(cachePath))
        {
            try
            {
                using var stream = File.OpenRead(cachePath);
                if (Read(stream, source.Length, source.LastWriteTimeUtc.Ticks) is { } cached) return cached;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                // An unreadable cache is rebuilt below.
            }
        }
        var index = PlaceIndexBuilder.Build(pbfPath);
        // A temporary file of this writer's own: servers sharing a data folder (cluster silos) may build the cache at
        // the same time; each renames its complete file into place, and the last rename wins with the same content.
        string temp = $"{cachePath}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = File.Create(temp)) Write(index, stream, source.Length, source.LastWriteTimeUtc.Ticks);
            File.Move(temp, cachePath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return index;
    }

    /// <summary>Writes <paramref name="index"/> with the source's identity (length, last-write ticks).</summary>
    public static void Write(PlaceIndex index, Stream stream, long sourceLength, long sourceTicks)
    {
        using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic); w.Write(Version); w.Write(sourceLength); w.Write(sourceTicks);
        w.Write(index.Names.Length);
        foreach (var n in index.Names) w.Write(n);
        var p = index.Points;
        w.Write(p.Count);
        for (int i = 0; i < p.Count; i++) { w.Write(p.Lat[i]); w.Write(p.Lon[i]); w.Write((byte)p.Kind[i]); w.Write(p.Name[i]); w.Write(p.Extra[i]); }
        var s = index.Segments;
        w.Write(s.Count);
        for (int i = 0; i < s.Count; i++) { w.Write(s.Lat1[i]); w.Write(s.Lon1[i]); w.Write(s.Lat2[i]); w.Write(s.Lon2[i]); w.Write(s.Name[i]); }
    }

    /// <summary>Reads an index written by <see cref="Write"/>; null when it was built from another source or version.</summary>
    /// <exception cref="InvalidDataException">The file is not a place index or is damaged.</exception>
    public static PlaceIndex? Read(Stream stream, long sourceLength, long sourceTicks)
    {
        try
        {
            return ReadCore(stream, sourceLength, sourceTicks);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("The place index file is truncated.", ex);
        }
    }

    private static PlaceIndex? ReadCore(Stream stream, long sourceLength, long sourceTicks)
    {
        using var r = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (r.ReadString() != Magic) throw new InvalidDataException("Not a place index file (bad magic).");
        if (r.ReadInt32() != Version || r.ReadInt64() != sourceLength || r.ReadInt64() != sourceTicks) return null;
        var names = new string[Count(r)];
        for (int i = 0; i < names.Length; i++) names[i] = r.ReadString();
        int n = Count(r);
        var points = new PointTable(new double[n], new double[n], new PlaceKind[n], new int[n], new int[n]);
        for (int i = 0; i < n; i++)
        {
            points.Lat[i] = r.ReadDouble(); points.Lon[i] = r.ReadDouble(); points.Kind[i] = (PlaceKind)r.ReadByte();
            points.Name[i] = NameRef(r.ReadInt32(), names.Length, false); points.Extra[i] = NameRef(r.ReadInt32(), names.Length, true);
        }
        int m = Count(r);
        var segments = new SegmentTable(new double[m], new double[m], new double[m], new double[m], new int[m]);
        for (int i = 0; i < m; i++)
        {
            segments.Lat1[i] = r.ReadDouble(); segments.Lon1[i] = r.ReadDouble(); segments.Lat2[i] = r.ReadDouble(); segments.Lon2[i] = r.ReadDouble();
            segments.Name[i] = NameRef(r.ReadInt32(), names.Length, false);
        }
        return new PlaceIndex(names, points, segments);
    }

    private static int Count(BinaryReader r)
    {
        int n = r.ReadInt32();
        return n is >= 0 and <= 50_000_000 ? n : throw new InvalidDataException($"Place index count {n} is out of range.");
    }

    private static int NameRef(int i, int names, bool optional) =>
        (i >= 0 && i < names) || (optional && i == -1) ? i : throw new InvalidDataException($"Place index name reference {i} is out of range.");
}
