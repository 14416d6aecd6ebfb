using System.CommandLine;
using System.Text.Json;
using DemandMobility.Cli.Solve;
using DemandMobility.Optimization.Instances;
using Xunit;

namespace DemandMobility.Cli.Tests.Solve;

public sealed class SolveCommandTests : IDisposable
{
    private static string Benchmarks => Environment.GetEnvironmentVariable("DM_BENCHMARKS") ?? "/work/shared/benchmarks";
    private readonly string _dir = Directory.CreateTempSubdirectory("dm-solve-tests").FullName;
    private readonly StringWriter _out = new(), _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ParseResult Parse(string line)
    {
        var root = new RootCommand();
        foreach (var c in SolveCommands.Create()) root.Subcommands.Add(c);
        return root.Parse(line);
    }

    [Fact]
    public void Verbs_parse_with_defaults_and_options()
    {
        Assert.Empty(Parse("solve darp a.txt").Errors);
        Assert.Empty(Parse("solve pdptw lr101.txt --time 2.5 --seed 4 --out s.json").Errors);
        Assert.Empty(Parse("bench darp dir --time 10 --bks b.csv --out r.csv").Errors);
        Assert.Empty(Parse("bench pdptw dir").Errors);
        Assert.NotEmpty(Parse("solve darp").Errors);
        Assert.NotEmpty(Parse("solve vrp a.txt").Errors);
        Assert.NotEmpty(Parse("bench darp dir --time soon").Errors);
    }

    [Fact]
    public void Malformed_instance_gives_a_message_with_file_and_line_and_exit_code_2()
    {
        string file = Path.Combine(_dir, "bad.txt");
        File.WriteAllText(file, "2 16 480 3 30\n0 0 0 0 0 0 480\n1 x 0 0 0 0 480\n");
        Assert.Equal(2, SolveVerb.Run(BenchmarkFamily.Darp, file, 1, 1, null, _out, _err));
        Assert.Contains($"{file}:3:", _err.ToString());
        Assert.Equal(2, SolveVerb.Run(BenchmarkFamily.LiLim, Path.Combine(_dir, "missing.txt"), 1, 1, null, _out, _err));
        Assert.Contains("cannot open", _err.ToString());
        Assert.Equal(2, SolveVerb.Run(BenchmarkFamily.Darp, file, -1, 1, null, _out, _err));
        Assert.Contains("--time", _err.ToString());
    }

    [Fact]
    public void Bench_rejects_missing_or_empty_folders_and_malformed_bks()
    {
        Assert.Equal(2, BenchVerb.Run(BenchmarkFamily.Darp, Path.Combine(_dir, "nope"), 1, 1, null, null, _out, _err));
        Assert.Equal(2, BenchVerb.Run(BenchmarkFamily.Darp, _dir, 1, 1, null, null, _out, _err));
        File.Copy(Path.Combine(Benchmarks, "darp", "a", "a2-16.txt"), Path.Combine(_dir, "a2-16.txt"));
        File.WriteAllText(Path.Combine(_dir, "bks.csv"), "instance,bks_cost\na2-16,abc\n");
        Assert.Equal(2, BenchVerb.Run(BenchmarkFamily.Darp, _dir, 1, 1, null, null, _out, _err));
        Assert.Contains("bks.csv:2:", _err.ToString());
    }

    [Fact]
    public void Default_bks_table_is_inside_the_folder_or_beside_it()
    {
        Assert.Equal(Path.GetFullPath(Path.Combine(Benchmarks, "darp", "bks.csv")),
            BenchVerb.DefaultBksPath(Path.Combine(Benchmarks, "darp", "a")));
        Assert.Equal(Path.Combine(Benchmarks, "pdptw", "li-lim-100", "bks.csv"),
            BenchVerb.DefaultBksPath(Path.Combine(Benchmarks, "pdptw", "li-lim-100")));
        Assert.Null(BenchVerb.DefaultBksPath(_dir));
    }

    [Fact]
    public void Solve_prints_a_valid_result_and_writes_json_with_file_node_ids()
    {
        string json = Path.Combine(_dir, "a2-16.json");
        int code = SolveVerb.Run(BenchmarkFamily.Darp, Path.Combine(Benchmarks, "darp", "a", "a2-16.txt"), 1, 1, json, _out, _err);
        Assert.True(code == 0, _out + "\n" + _err);
        Assert.Contains("valid     yes", _out.ToString());
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var routes = doc.RootElement.GetProperty("routes");
        Assert.InRange(routes.GetArrayLength(), 1, 2);
        int visits = 0;
        foreach (var route in routes.EnumerateArray())
        {
            var stops = route.GetProperty("stops");
            Assert.Equal(0, stops[0].GetProperty("node").GetInt32());
            Assert.Equal(33, stops[stops.GetArrayLength() - 1].GetProperty("node").GetInt32());
            visits += stops.GetArrayLength() - 2;
        }
        Assert.Equal(32, visits);
    }

    [Fact]
    public void Bench_reports_unreadable_files_and_still_solves_the_others()
    {
        var set = Directory.CreateDirectory(Path.Combine(_dir, "a")).FullName;
        File.Copy(Path.Combine(Benchmarks, "darp", "a", "a2-16.txt"), Path.Combine(set, "a2-16.txt"));
        File.WriteAllText(Path.Combine(set, "broken.txt"), "1 1 100 3 30\n");
        File.Copy(Path.Combine(Benchmarks, "darp", "bks.csv"), Path.Combine(_dir, "bks.csv"));
        string csv = Path.Combine(_dir, "results.csv");
        int code = BenchVerb.Run(BenchmarkFamily.Darp, set, 1, 1, null, csv, _out, _err);
        Assert.Equal(1, code);
        string table = _out.ToString();
        Assert.Contains("| a2-16 | 294.2480 |", table);
        Assert.Contains("| broken |", table);
        Assert.Contains("broken.txt:1:", _err.ToString());
        Assert.Contains("instances 2, solved 1, valid 1", table);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("a2-16,294.2480,", lines[1]);
    }
}
