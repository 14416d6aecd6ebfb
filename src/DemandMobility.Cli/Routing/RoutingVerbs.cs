using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DemandMobility.Routing;
using DemandMobility.Routing.Geometry;
using DemandMobility.Routing.Snapping;
using DemandMobility.Routing.Storage;

namespace DemandMobility.Cli.Routing;

/// <summary>The routing verbs' work, independent of command-line parsing (so tests can call them too).</summary>
internal static class RoutingVerbs
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary><c>dm routing build</c>: extract + contract + write, printing statistics and timings.</summary>
    public static int Build(string pbf, string? outPath, TextWriter output, TextWriter error)
    {
        if (!File.Exists(pbf)) { error.WriteLine($"error: {pbf}: OSM PBF file not found"); return ExitCodes.BadInput; }
        outPath ??= GraphStore.DefaultGraphPath(pbf);
        var timings = new Dictionary<string, TimeSpan>();
        var total = Stopwatch.StartNew();
        GraphFileContent content;
        DemandMobility.Routing.Extract.ExtractionStatistics stats;
        try
        {
            var identity = GraphSourceIdentity.Of(pbf, GraphStore.ProfileId(DemandMobility.Routing.Profiles.VehicleProfiles.Minibus));
            (content, stats) = GraphStore.Build(pbf, identity, DemandMobility.Routing.Profiles.VehicleProfiles.Minibus, null, timings);
            var sw = Stopwatch.StartNew();
            GraphFile.Write(outPath, content);
            timings["write"] = sw.Elapsed;
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        var g = content.Graph;
        var h = content.Hierarchy;
        output.WriteLine($"source:      {pbf} ({new FileInfo(pbf).Length:N0} bytes)");
        output.WriteLine($"osm:         {stats.OsmNodes:N0} nodes, {stats.OsmWays:N0} ways, {stats.OsmRelations:N0} relations; {stats.RoutableWays:N0} drivable ways");
        output.WriteLine($"graph:       {g.NodeCount:N0} nodes ({stats.MainComponentNodes:N0} in the main component), {g.EdgeCount:N0} edges; {stats.RestrictionsApplied} turn restrictions applied");
        output.WriteLine($"hierarchy:   {h.UpTarget.Length + h.DownSource.Length:N0} arcs, of which {h.ShortcutCount:N0} shortcuts");
        output.WriteLine($"graph file:  {outPath} ({new FileInfo(outPath).Length:N0} bytes)");
        output.WriteLine(string.Create(Inv, $"timings:     extract {timings["extract"].TotalMilliseconds:F0} ms (parse {stats.ParseTime.TotalMilliseconds:F0}, graph {stats.BuildTime.TotalMilliseconds:F0}), contract {timings["contract"].TotalMilliseconds:F0} ms, write {timings["write"].TotalMilliseconds:F0} ms, total {total.Elapsed.TotalMilliseconds:F0} ms"));
        return ExitCodes.Ok;
    }

    /// <summary><c>dm route</c>.</summary>
    public static int Route(string? fromText, string? toText, string? pbf, string? graph, bool geoJson, TextWriter output, TextWriter error)
    {
        if (!GeoCoordinate.TryParse(fromText, out var from, out string why)) { error.WriteLine($"error: --from: {why}"); return ExitCodes.BadInput; }
        if (!GeoCoordinate.TryParse(toText, out var to, out why)) { error.WriteLine($"error: --to: {why}"); return ExitCodes.BadInput; }
        var router = GraphLoader.Load(pbf, graph, error, out _);
        if (router is null) return ExitCodes.BadInput;
        var r = router.Route(new RouteRequest(from, to));
        if (!r.IsOk)
        {
            error.WriteLine(r.Status switch
            {
                RouteStatus.FromNotSnapped => $"error: --from {fromText}: {SnapProblem(r.From, router)}",
                RouteStatus.ToNotSnapped => $"error: --to {toText}: {SnapProblem(r.To, router)}",
                _ => $"error: no drivable route from {fromText} to {toText}",
            });
            return ExitCodes.Incomplete;
        }
        if (geoJson)
        {
            var feature = new
            {
                type = "Feature",
                properties = new { duration_s = Math.Round(r.DurationSeconds, 1), distance_m = Math.Round(r.DistanceMetres, 1) },
                geometry = new { type = "LineString", coordinates = r.Geometry!.ToGeoJsonCoordinates() },
            };
            output.WriteLine(JsonSerializer.Serialize(feature));
            return ExitCodes.Ok;
        }
        WriteRoute(output, r);
        return ExitCodes.Ok;
    }

    internal static void WriteRoute(TextWriter output, RouteResult r)
    {
        var ts = TimeSpan.FromSeconds(r.DurationSeconds);
        output.WriteLine(string.Create(Inv, $"duration_s: {r.DurationSeconds:F1} ({(int)ts.TotalMinutes} min {ts.Seconds} s)"));
        output.WriteLine(string.Create(Inv, $"distance_m: {r.DistanceMetres:F1}"));
        output.WriteLine(string.Create(Inv, $"snap_from_m: {r.From.DistanceMetres:F1}"));
        output.WriteLine(string.Create(Inv, $"snap_to_m: {r.To.DistanceMetres:F1}"));
        output.WriteLine($"polyline5: {r.Geometry!.ToEncodedPolyline()}");
    }

    private static string SnapProblem(SnappedPoint p, RoadRouter router) => p.Status switch
    {
        SnapStatus.InvalidCoordinate => "not a valid coordinate",
        _ => string.Create(Inv, $"no drivable road within {router.Options.MaxSnapDistanceMetres:F0} m"),
    };

    /// <summary><c>dm matrix</c>: durations (and optionally distances) CSV, one row per point.</summary>
    public static int Matrix(string? pointsPath, string? outPath, string? distancesPath, string? pbf, string? graph, TextWriter output, TextWriter error)
    {
        if (pointsPath is null || outPath is null) { error.WriteLine("error: --points and --out are required"); return ExitCodes.BadInput; }
        var points = PointsCsv.Read(pointsPath, out string csvError);
        if (points is null) { error.WriteLine($"error: {csvError}"); return ExitCodes.BadInput; }
        var router = GraphLoader.Load(pbf, graph, error, out _);
        if (router is null) return ExitCodes.BadInput;

        var sw = Stopwatch.StartNew();
        var table = router.Table(new TableRequest(points.Select(p => p.Coordinate).ToList()));
        double ms = sw.Elapsed.TotalMilliseconds;
        int problems = 0;
        for (int i = 0; i < points.Count; i++)
        {
            if (table.SourceSnaps[i].IsSnapped) continue;
            problems++;
            error.WriteLine($"unsnappable: point '{points[i].Id}' (line {points[i].Line}): {SnapProblem(table.SourceSnaps[i], router)}; its row and column are left empty");
        }
        int unroutable = 0;
        for (int i = 0; i < points.Count; i++)
            for (int j = 0; j < points.Count; j++)
            {
                if (!table.SourceSnaps[i].IsSnapped || !table.SourceSnaps[j].IsSnapped || table.IsReachable(i, j)) continue;
                if (unroutable++ < 100) error.WriteLine($"unroutable: no route from '{points[i].Id}' to '{points[j].Id}'; cell left empty");
            }
        if (unroutable > 100) error.WriteLine($"unroutable: {unroutable - 100} more pairs without a route");
        problems += unroutable;

        try
        {
            WriteCsvAtomically(outPath, points.Count, (i, j) => table.DurationSeconds(i, j) is double s ? Math.Round(s, MidpointRounding.AwayFromZero) : null);
            if (distancesPath is not null)
                WriteCsvAtomically(distancesPath, points.Count, (i, j) => table.DistanceMetres(i, j) is double m ? Math.Round(m, MidpointRounding.AwayFromZero) : null);
        }
        catch (IOException e)
        {
            error.WriteLine($"error: {e.Message}");
            return ExitCodes.BadInput;
        }
        output.WriteLine(string.Create(Inv, $"{points.Count}x{points.Count} matrix in {ms:F1} ms written to {outPath}{(distancesPath is null ? "" : " and " + distancesPath)}"));
        return problems == 0 ? ExitCodes.Ok : ExitCodes.Incomplete;
    }

    private static void WriteCsvAtomically(string path, int n, Func<int, int, double?> cell)
    {
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is not null) Directory.CreateDirectory(dir);
        string temp = full + ".tmp" + Environment.ProcessId;
        using (var w = new StreamWriter(temp, false, new UTF8Encoding(false)))
        {
            var sb = new StringBuilder();
            for (int i = 0; i < n; i++)
            {
                sb.Clear();
                for (int j = 0; j < n; j++)
                {
                    if (j > 0) sb.Append(',');
                    if (cell(i, j) is double v) sb.Append(((long)v).ToString(Inv));
                }
                w.WriteLine(sb.ToString());
            }
        }
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Villages of the default region (approximate centres) for the demo route and matrix.</summary>
    internal static readonly (string Name, GeoCoordinate At)[] DemoPlaces =
    [
        ("Neudrossenfeld", new GeoCoordinate(50.0115, 11.4990)),
        ("Harsdorf", new GeoCoordinate(50.0360, 11.5660)),
        ("Bindlach", new GeoCoordinate(49.9810, 11.6060)),
    ];

    /// <summary><c>dm routing demo</c>.</summary>
    public static int Demo(string? pbf, TextWriter output, TextWriter error)
    {
        var sw = Stopwatch.StartNew();
        var router = GraphLoader.Load(pbf, null, error, out var outcome);
        if (router is null) return ExitCodes.BadInput;
        output.WriteLine(string.Create(Inv, $"graph: {router.Graph.NodeCount:N0} nodes, {router.Graph.EdgeCount:N0} edges ({(outcome?.Source == GraphLoadSource.LoadedFromFile ? "loaded" : "built")} in {sw.Elapsed.TotalMilliseconds:F0} ms)"));
        var (fromName, from) = DemoPlaces[0];
        var (toName, to) = DemoPlaces[1];
        var r = router.Route(new RouteRequest(from, to));
        output.WriteLine($"route {fromName} → {toName}:");
        if (r.IsOk) WriteRoute(output, r);
        else output.WriteLine($"  no route ({r.Status})");

        var places = DemoPlaces.Select(p => p.At).ToList();
        var table = router.Table(new TableRequest(places));
        output.WriteLine("matrix (minutes; '-' = no route):");
        output.WriteLine("".PadRight(15) + string.Concat(DemoPlaces.Select(p => p.Name.PadLeft(15))));
        for (int i = 0; i < places.Count; i++)
        {
            var sb = new StringBuilder(DemoPlaces[i].Name.PadRight(15));
            for (int j = 0; j < places.Count; j++)
                sb.Append((table.DurationSeconds(i, j) is double s ? (s / 60).ToString("F1", Inv) : "-").PadLeft(15));
            output.WriteLine(sb.ToString());
        }
        return r.IsOk ? ExitCodes.Ok : ExitCodes.Incomplete;
    }
}
