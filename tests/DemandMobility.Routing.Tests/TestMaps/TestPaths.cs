namespace DemandMobility.Routing.Tests.TestMaps;

/// <summary>Finds the repository root (the folder with DemandMobility.sln) and the shared OSM extracts.</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DemandMobility.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("DemandMobility.sln not found above " + AppContext.BaseDirectory);
    });

    public static string RepoRoot => Root.Value;

    /// <summary>The embedded default region.</summary>
    public static string NorthBayreuth => Path.Combine(RepoRoot, "routing-data", "north-bayreuth.osm.pbf");

    /// <summary>The shared test extract (<c>&lt;repo&gt;/../shared/osm</c>).</summary>
    public static string Hoyerswerda => Path.Combine(RepoRoot, "..", "shared", "osm", "hoyerswerda.osm.pbf");

    /// <summary>A fresh temporary file path with the given extension; the caller deletes it.</summary>
    public static string TempFile(string extension = ".osm.pbf") =>
        Path.Combine(Path.GetTempPath(), "dm-routing-tests-" + Guid.NewGuid().ToString("N") + extension);
}
