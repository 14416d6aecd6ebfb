namespace DemandMobility.Simulator.Tests.Demand;

/// <summary>Finds the repository root (the folder with DemandMobility.sln) and the OSM extracts the demand tests read.</summary>
internal static class DemandTestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DemandMobility.sln")))
            dir = dir.Parent;
        // A test build outside the tree (e.g. a scratch copy) names the root explicitly.
        return dir?.FullName ?? Environment.GetEnvironmentVariable("DM_REPO_ROOT")
            ?? throw new DirectoryNotFoundException("DemandMobility.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => Root.Value;

    /// <summary>The embedded default region.</summary>
    public static string NorthBayreuth => Path.Combine(RepoRoot, "routing-data", "north-bayreuth.osm.pbf");

    /// <summary>The shared test extract (<c>&lt;repo&gt;/../shared/osm</c>), as the routing tests find it.</summary>
    public static string Hoyerswerda => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "osm", "hoyerswerda.osm.pbf"));

    /// <summary>The sample demand files.</summary>
    public static string DemandDirectory => Path.Combine(RepoRoot, "simulator", "demand");

    /// <summary>A fresh temporary directory; the caller deletes it.</summary>
    public static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "dm-sim-demand-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
