using System.IO.Compression;

namespace DemandMobility.Transit.Gtfs;

/// <summary>
/// A GTFS feed on disk: a zip archive or a folder of <c>.txt</c> files. Files are found by name at the top level
/// (or, in a zip, inside one top-level folder, as some publishers pack them). Opened streams are read forward
/// only, so a zip member is inflated while it is parsed, never held whole in memory.
/// </summary>
public sealed class GtfsSource : IDisposable
{
    private readonly ZipArchive? _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly string? _folder;

    private GtfsSource(string path)
    {
        Path = path;
        if (Directory.Exists(path))
        {
            _folder = path;
            return;
        }
        _zip = ZipFile.OpenRead(path);
        foreach (var e in _zip.Entries)
        {
            if (e.FullName.EndsWith('/')) continue;
            string name = System.IO.Path.GetFileName(e.FullName);
            // Prefer a top-level member over one in a sub-folder.
            if (!_entries.TryGetValue(name, out var known) || known.FullName.Contains('/')) _entries[name] = e;
        }
    }

    /// <summary>The feed's path as given.</summary>
    public string Path { get; }

    /// <summary>Opens a zip or a folder.</summary>
    /// <exception cref="GtfsFormatException">The path does not exist or is not a readable zip archive.</exception>
    public static GtfsSource Open(string path)
    {
        if (!Directory.Exists(path) && !File.Exists(path))
            throw new GtfsFormatException(path, 0, null, "no such file or folder");
        try
        {
            return new GtfsSource(path);
        }
        catch (InvalidDataException e)
        {
            throw new GtfsFormatException(path, 0, null, $"neither a folder nor a readable zip archive ({e.Message})");
        }
    }

    /// <summary>Whether the feed has the file.</summary>
    public bool Has(string name) => _folder is not null ? File.Exists(System.IO.Path.Combine(_folder, name)) : _entries.ContainsKey(name);

    /// <summary>Opens a file of the feed for reading; null when absent.</summary>
    public Stream? OpenFile(string name)
    {
        if (_folder is not null)
        {
            string p = System.IO.Path.Combine(_folder, name);
            return File.Exists(p) ? new FileStream(p, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16) : null;
        }
        return _entries.TryGetValue(name, out var e) ? e.Open() : null;
    }

    /// <summary>Size in bytes of a file (uncompressed), 0 when absent; used to pre-size arrays.</summary>
    public long SizeOf(string name)
    {
        if (_folder is not null)
        {
            var info = new FileInfo(System.IO.Path.Combine(_folder, name));
            return info.Exists ? info.Length : 0;
        }
        return _entries.TryGetValue(name, out var e) ? e.Length : 0;
    }

    /// <inheritdoc />
    public void Dispose() => _zip?.Dispose();
}
