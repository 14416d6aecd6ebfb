using System.Diagnostics;
using DemandMobility.Transit.Gtfs;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Storage;

/// <summary>How a timetable was obtained.</summary>
public enum TimetableLoadSource
{
    /// <summary>Read from an intact, current timetable file.</summary>
    LoadedFromFile,
    /// <summary>Imported because the file was missing.</summary>
    ImportedMissingFile,
    /// <summary>Imported because the file was stale, damaged or of another version.</summary>
    ReimportedBadFile,
}

/// <summary>A loaded timetable with where it came from and how long it took.</summary>
public sealed record TimetableLoadOutcome(Timetable Timetable, TimetableLoadSource Source, string FilePath, string Message, TimeSpan Elapsed);

/// <summary>
/// Returns an up-to-date timetable for a feed: the timetable file beside it when intact and built from the same
/// feed bytes and settings, otherwise a fresh import written atomically (as the road graph's store does).
/// </summary>
public static class TimetableStore
{
    /// <summary>Default file: the feed path (zip without extension, or folder) + <c>.dmt</c>.</summary>
    public static string DefaultFilePath(string feedPath)
    {
        string p = feedPath.TrimEnd('/', '\\');
        if (p.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) p = p[..^4];
        return p + ".dmt";
    }

    /// <summary>Settings string of an import: importer code version and footpath settings.</summary>
    public static string SettingsId(GtfsImportOptions options) =>
        $"{options.FootpathsOrDefault}/{typeof(TimetableStore).Module.ModuleVersionId:N}";

    /// <summary>Loads or (re)imports.</summary>
    /// <exception cref="GtfsFormatException">The feed had to be imported and is malformed; no file is written.</exception>
    public static TimetableLoadOutcome LoadOrImport(string feedPath, string? filePath = null, GtfsImportOptions? options = null)
    {
        options ??= new GtfsImportOptions();
        filePath ??= DefaultFilePath(feedPath);
        var clock = Stopwatch.StartNew();
        var identity = FeedIdentity.Of(feedPath, SettingsId(options));
        var read = TimetableFile.Read(filePath, identity);
        if (read.IsOk) return new TimetableLoadOutcome(read.Timetable!, TimetableLoadSource.LoadedFromFile, filePath, read.Message, clock.Elapsed);
        var timetable = GtfsImporter.Import(feedPath, options);
        TimetableFile.Write(filePath, timetable, identity);
        var source = read.Status == TimetableFileStatus.Missing ? TimetableLoadSource.ImportedMissingFile : TimetableLoadSource.ReimportedBadFile;
        string message = source == TimetableLoadSource.ImportedMissingFile ? $"{filePath}: imported from {feedPath}" : $"{read.Message}; re-imported from {feedPath}";
        return new TimetableLoadOutcome(timetable, source, filePath, message, clock.Elapsed);
    }
}
