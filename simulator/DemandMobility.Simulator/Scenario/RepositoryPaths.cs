namespace DemandMobility.Simulator.Scenario;

/// <summary>Finds files of the repository (the default region) by walking up to the folder holding DemandMobility.sln.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root above <paramref name="start"/> (or the current directory, then the program's folder); null if none.</summary>
    public static string? FindRoot(string? start = null)
    {
        foreach (var origin in new[] { start, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            if (origin is null) continue;
            for (var dir = new DirectoryInfo(Path.GetFullPath(origin)); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DemandMobility.sln"))) return dir.FullName;
        }
        return null;
    }

    /// <summary>
    /// Resolves a path from a scenario: absolute as is; else relative to the scenario's folder if it exists there;
    /// else relative to the repository root. Null when not found anywhere.
    /// </summary>
    public static string? Resolve(string path, string baseDirectory)
    {
        if (Path.IsPathRooted(path)) return File.Exists(path) ? path : null;
        var beside = Path.GetFullPath(Path.Combine(baseDirectory, path));
        if (File.Exists(beside)) return beside;
        var root = FindRoot(baseDirectory);
        if (root is null) return null;
        var fromRoot = Path.GetFullPath(Path.Combine(root, path));
        return File.Exists(fromRoot) ? fromRoot : null;
    }

    /// <summary>As <see cref="Resolve"/>, for a file or a folder (a GTFS feed may be either).</summary>
    public static string? ResolveFileOrFolder(string path, string baseDirectory)
    {
        static bool Exists(string p) => File.Exists(p) || Directory.Exists(p);
        if (Path.IsPathRooted(path)) return Exists(path) ? path : null;
        var beside = Path.GetFullPath(Path.Combine(baseDirectory, path));
        if (Exists(beside)) return beside;
        var root = FindRoot(baseDirectory);
        if (root is null) return null;
        var fromRoot = Path.GetFullPath(Path.Combine(root, path));
        return Exists(fromRoot) ? fromRoot : null;
    }
}
