using System.CommandLine;
using System.Text.Json;
using DemandMobility.Cli.Tests.Routing;
using Xunit;

namespace DemandMobility.Cli.Tests.Transit;

public class TransitCliTests(RegionFixture region) : IClassFixture<RegionFixture>
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var c in TransitCommands.Create()) root.Subcommands.Add(c);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static string Feed()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string p = Path.Combine(dir.FullName, "routing-data", "transit", "illustrative");
            if (Directory.Exists(p)) return p;
        }
        throw new DirectoryNotFoundException("illustrative feed");
    }

    private string CopyFeed(string name)
    {
        string dir = Path.Combine(region.Dir, name);
        Directory.CreateDirectory(dir);
        foreach (var f in Directory.GetFiles(Feed())) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)), true);
        return dir;
    }

    [Fact]
    public void Import_prints_the_summary_and_writes_the_timetable_file()
    {
        string feed = CopyFeed("feed-ok");
        string file = Path.Combine(region.Dir, "feed-ok.dmt");
        var (exit, output, err) = Run("transit", "import", feed, "--out", file);
        Assert.True(exit == 0, err);
        Assert.Contains("agencies    2", output);
        Assert.Contains("stop_times", output);
        Assert.Contains("service days", output);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public void Import_of_a_malformed_feed_exits_2_naming_file_and_line()
    {
        string feed = CopyFeed("feed-bad");
        var lines = File.ReadAllLines(Path.Combine(feed, "trips.txt"));
        lines[3] = "NO-SUCH-ROUTE,DAILY,X1,Nowhere,0";
        File.WriteAllLines(Path.Combine(feed, "trips.txt"), lines);
        var (exit, _, err) = Run("transit", "import", feed, "--out", Path.Combine(region.Dir, "feed-bad.dmt"));
        Assert.Equal(2, exit);
        Assert.Contains("trips.txt:4: field 'route_id'", err);
        Assert.False(File.Exists(Path.Combine(region.Dir, "feed-bad.dmt")));
    }

    [Fact]
    public void Plan_json_lists_itineraries_with_an_on_demand_feeder_to_the_train()
    {
        var (exit, output, err) = Run("transit", "plan", "--from", "50.0136,11.5120", "--to", "49.9480,11.5760", "--at", "2026-12-08T07:00",
            "--json", "--feed", CopyFeed("feed-plan"), "--pbf", region.Pbf);
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        var modes = doc.RootElement.EnumerateArray()
            .Select(i => string.Join(",", i.GetProperty("legs").EnumerateArray().Select(l => l.GetProperty("mode").GetString()))).ToList();
        Assert.Contains("on_demand,rail,walk", modes);
        var feeder = doc.RootElement.EnumerateArray().First(i => i.GetProperty("legs")[0].GetProperty("mode").GetString() == "on_demand").GetProperty("legs");
        var latest = feeder[0].GetProperty("latestDropoff").GetDateTimeOffset();
        var train = feeder[1].GetProperty("departure").GetDateTimeOffset();
        Assert.True(latest <= train);
        Assert.True(feeder[0].GetProperty("arrival").GetDateTimeOffset() <= latest);
    }
}
