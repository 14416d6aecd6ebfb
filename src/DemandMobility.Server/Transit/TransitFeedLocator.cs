namespace DemandMobility.Server.Transit;

/// <summary>
/// Finds the configured GTFS feed, a zip file or a folder, as <see cref="Hosting.RoadDataLocator"/> finds the road
/// data: a relative path in the working directory first, then in the application folder and its parents.
/// </summary>
public static class TransitFeedLocator
{
    /// <summary>The absolute path of an existing feed for <paramref name="configured"/>, or null when none exists.</summary>
    public static string? Find(string configured)
    {
        if (string.IsNullOrWhiteSpace(configured)) return null;
        if (Path.IsPathRooted(configured)) return Exists(configured) ? configured : null;
        var fromWorkingDirectory = Path.GetFullPath(configured);
        if (Exists(fromWorkingDirectory)) return fromWorkingDirectory;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (Exists(candidate)) return candidate;
        }
        return null;
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);
}
