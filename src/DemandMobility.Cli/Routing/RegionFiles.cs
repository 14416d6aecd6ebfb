namespace DemandMobility.Cli.Routing;

/// <summary>Locates the embedded default region and resolves graph-file paths.</summary>
internal static class RegionFiles
{
    /// <summary>Path of the default region inside the repository.</summary>
    public const string DefaultRelativePbf = "routing-data/north-bayreuth.osm.pbf";

    /// <summary>
    /// Walks up from <paramref name="start"/> (default: current directory) to the repository root (the directory
    /// holding DemandMobility.sln or .git) looking for <see cref="DefaultRelativePbf"/>; null if not found.
    /// </summary>
    public static string? FindDefaultPbf(string? start = null)
    {
        for (var dir = new DirectoryInfo(start ?? Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, DefaultRelativePbf);
            if (File.Exists(candidate)) return candidate;
            if (File.Exists(Path.Combine(dir.FullName, "DemandMobility.sln")) || Directory.Exists(Path.Combine(dir.FullName, ".git"))) break;
        }
        // Also try beside the executable (published tool next to a checkout).
        string besideApp = Path.Combine(AppContext.BaseDirectory, DefaultRelativePbf);
        return File.Exists(besideApp) ? besideApp : null;
    }
}
