namespace DemandMobility.Routing.Storage;

/// <summary>How <see cref="GraphStore.LoadOrBuild"/> obtained its graph.</summary>
public enum GraphLoadSource
{
    /// <summary>Read from an up-to-date graph file.</summary>
    LoadedFromFile,
    /// <summary>Built from the PBF because the graph file was missing.</summary>
    BuiltMissingFile,
    /// <summary>Built from the PBF because the graph file was stale, damaged or of another version.</summary>
    RebuiltBadFile,
}

/// <summary>Result of <see cref="GraphStore.LoadOrBuild"/>.</summary>
/// <param name="Content">The graph and hierarchy, or null when neither loading nor building was possible.</param>
/// <param name="Source">How the content was obtained.</param>
/// <param name="GraphPath">The graph file used or written.</param>
/// <param name="Message">Why the file was (re)built, or why nothing could be loaded; names the files.</param>
/// <param name="Timings">Phase timings (extract, contract, write, or load).</param>
/// <param name="Extraction">Extraction statistics when the graph was built.</param>
public sealed record GraphLoadOutcome(
    GraphFileContent? Content, GraphLoadSource Source, string GraphPath, string Message,
    IReadOnlyDictionary<string, TimeSpan> Timings, Extract.ExtractionStatistics? Extraction)
{
    /// <summary>True when content is available.</summary>
    public bool IsOk => Content is not null;
}
