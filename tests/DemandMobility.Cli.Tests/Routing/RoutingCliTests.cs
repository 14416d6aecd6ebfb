using System.CommandLine;
using System.Text.Json;
using DemandMobility.Cli;
using Xunit;

namespace DemandMobility.Cli.Tests.Routing;

/// <summary>Copies the default region into a temporary folder once, so graph files never land in the repository.</summary>
public sealed class RegionFixture : IDisposable
{
    public RegionFixture()
    {
        Dir = Path.Combine(Path.GetTempPath(), "dm-cli-routing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        string? source = null;
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null && source is null; d = d.Parent)
        {
            string p = Path.Combine(d.FullName, "routing-data", "north-bayreuth.osm.pbf");
            if (File.Exists(p)) source = p;
        }
        Pbf = Path.Combine(Dir, "region.osm.pbf");
        File.Copy(source ?? throw new FileNotFoundException("routing-data/north-bayreuth.osm.pbf not found"), Pbf);
    }

    public string Dir { get; }
    public string Pbf { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

public class RoutingCliTests(RegionFixture region) : IClassFixture<RegionFixture>
{
    private const string Neudrossenfeld = "50.0115,11.4990";
    private const string Harsdorf = "50.0360,11.5660";

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var c in RoutingCommands.Create()) root.Subcommands.Add(c);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string WritePoints(string name, string text)
    {
        string path = Path.Combine(region.Dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Matrix_writes_one_line_per_point_in_whole_seconds_and_metres()
    {
        string points = WritePoints("ok.csv", "id,lon,lat\nA,11.4990,50.0115\nB,11.5660,50.0360\nC,11.6060,49.9810\n");
        string outFile = Path.Combine(region.Dir, "ok-matrix.csv");
        string distFile = Path.Combine(region.Dir, "ok-dist.csv");
        var (exit, _, err) = Run("matrix", "--points", points, "--out", outFile, "--distances", distFile, "--pbf", region.Pbf);
        Assert.True(exit == 0, err);
        var rows = File.ReadAllLines(outFile);
        var distRows = File.ReadAllLines(distFile);
        Assert.Equal(3, rows.Length);
        Assert.Equal(3, distRows.Length);
        for (int i = 0; i < 3; i++)
        {
            var cells = rows[i].Split(',').Select(long.Parse).ToArray();
            var metres = distRows[i].Split(',').Select(long.Parse).ToArray();
            Assert.Equal(3, cells.Length);
            Assert.Equal(0, cells[i]);
            for (int j = 0; j < 3; j++)
                if (j != i)
                {
                    Assert.InRange(cells[j], 60, 3600);      // villages a few km apart: minutes, not zero, not hours
                    Assert.InRange(metres[j], 1000, 40_000);
                }
        }
    }

    [Fact]
    public void Matrix_reports_unsnappable_points_by_id_and_leaves_their_cells_empty()
    {
        string points = WritePoints("far.csv", "id,lon,lat\nA,11.4990,50.0115\nsea,5.0,55.0\nB,11.5660,50.0360\n");
        string outFile = Path.Combine(region.Dir, "far-matrix.csv");
        var (exit, _, err) = Run("matrix", "--points", points, "--out", outFile, "--pbf", region.Pbf);
        Assert.Equal(3, exit);
        Assert.Contains("'sea'", err);
        Assert.Contains("line 3", err);
        var rows = File.ReadAllLines(outFile);
        Assert.Equal(",,", rows[1]);
        var first = rows[0].Split(',');
        Assert.Equal("", first[1]);
        Assert.True(long.Parse(first[2]) > 0);
    }

    [Fact]
    public void Matrix_names_the_line_and_field_of_a_bad_row_and_writes_nothing()
    {
        string points = WritePoints("bad.csv", "id,lon,lat\nA,11.4990,50.0115\nB,east,50.0360\n");
        string outFile = Path.Combine(region.Dir, "bad-matrix.csv");
        var (exit, _, err) = Run("matrix", "--points", points, "--out", outFile, "--pbf", region.Pbf);
        Assert.Equal(1, exit);
        Assert.Contains("bad.csv:3", err);
        Assert.Contains("'lon'", err);
        Assert.False(File.Exists(outFile));

        string header = WritePoints("header.csv", "name,x,y\nA,1,2\n");
        var (exit2, _, err2) = Run("matrix", "--points", header, "--out", outFile, "--pbf", region.Pbf);
        Assert.Equal(1, exit2);
        Assert.Contains("header.csv:1", err2);
    }

    [Fact]
    public void Route_prints_duration_distance_and_polyline_or_geojson()
    {
        var (exit, output, err) = Run("route", "--from", Neudrossenfeld, "--to", Harsdorf, "--pbf", region.Pbf);
        Assert.True(exit == 0, err);
        var fields = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1].Trim());
        double seconds = double.Parse(fields["duration_s"].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        double metres = double.Parse(fields["distance_m"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 120, 3600);
        Assert.InRange(metres / seconds, 3, 30); // plausible average speed in m/s
        Assert.NotEmpty(fields["polyline5"]);

        var (exit2, json, _) = Run("route", "--from", Neudrossenfeld, "--to", Harsdorf, "--pbf", region.Pbf, "--geojson");
        Assert.Equal(0, exit2);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("LineString", doc.RootElement.GetProperty("geometry").GetProperty("type").GetString());
        var coords = doc.RootElement.GetProperty("geometry").GetProperty("coordinates");
        Assert.True(coords.GetArrayLength() > 2);
        Assert.InRange(coords[0][0].GetDouble(), 11.4, 11.7); // [lon, lat] order
    }

    [Fact]
    public void Route_rejects_bad_coordinates_and_reports_unsnappable_ones()
    {
        var (exit, _, err) = Run("route", "--from", "50.0;11.5", "--to", Harsdorf, "--pbf", region.Pbf);
        Assert.Equal(1, exit);
        Assert.Contains("--from", err);
        var (exit2, _, err2) = Run("route", "--from", "55.0,5.0", "--to", Harsdorf, "--pbf", region.Pbf);
        Assert.Equal(3, exit2);
        Assert.Contains("no drivable road within", err2);
        var (exit3, _, _) = Run("route", "--to", Harsdorf);
        Assert.NotEqual(0, exit3);
    }
}
