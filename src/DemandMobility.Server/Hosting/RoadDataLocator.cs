namespace DemandMobility.Server.Hosting;

/// <summary>
/// Finds the configured road data file. A relative <c>Routing:PbfPath</c> is looked up in the working
/// directory first, then in the application folder and its parents, so that <c>dotnet run --project</c>
/// from the repository root, a published folder and the test runner all find <c>routing-data/</c>.
/// </summary>
public static class RoadDataLocator
{
    /// <summary>The absolute path of an existing file for <paramref name="configured"/>, or null when none exists.</summary>
    public static string? Find(string configured)
    {
        if (Path.IsPathRooted(configured)) return File.Exists(configured) ? configured : null;
        var fromWorkingDirectory = Path.GetFullPath(configured);
        if (File.Exists(fromWorkingDirectory)) return fromWorkingDirectory;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
