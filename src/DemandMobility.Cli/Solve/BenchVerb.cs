using System.Globalization;
using System.Text;
using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Search;

namespace DemandMobility.Cli.Solve;

/// <summary>
/// <c>dm bench darp|pdptw DIR</c>: solves every <c>*.txt</c> instance of a folder, validates each result,
/// compares with the BKS table and prints a Markdown table plus the summary. Progress goes to stderr.
/// Exit code 0 when every instance was read, solved and validated; 1 otherwise; 2 for bad arguments.
/// </summary>
internal static class BenchVerb
{
    public static int Run(BenchmarkFamily family, string dir, double seconds, int seed, string? bksPath, string? csvPath,
        TextWriter stdout, TextWriter stderr, int workers = 1, SolverBackend backend = SolverBackend.Alns)
    {
        if (!(seconds > 0)) return Fail(stderr, $"--time must be positive, is {seconds}");
        if (workers < 1) return Fail(stderr, $"--workers must be at least 1, is {workers}");
        if (!Directory.Exists(dir)) return Fail(stderr, $"directory '{dir}' does not exist");
        var files = Directory.GetFiles(dir, "*.txt");
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0) return Fail(stderr, $"directory '{dir}' holds no *.txt instance files");

        BksTable? bks = null;
        bksPath ??= DefaultBksPath(dir);
        if (bksPath is not null)
        {
            try
            {
                bks = BksTable.Read(bksPath);
            }
            catch (InstanceFormatException e)
            {
                return Fail(stderr, $"cannot read BKS table: {e.Message}");
            }
        }
        else stderr.WriteLine($"warning: no bks.csv found in '{dir}' or its parent; gaps are not computed");

        var rows = new List<BenchRow>();
        for (int i = 0; i < files.Length; i++)
        {
            string name = Path.GetFileNameWithoutExtension(files[i]);
            stderr.WriteLine($"[{i + 1}/{files.Length}] {name}");
            var entry = bks?.Find(name);
            try
            {
                var instance = BenchmarkRunner.Read(family, files[i]);
                var run = BenchmarkRunner.Run(instance, new SolverOptions(TimeSpan.FromSeconds(seconds), Seed: seed, Workers: workers), backend, entry);
                var row = new BenchRow(name, entry?.Cost, run.Distance, run.GapPercent, run.Vehicles, entry?.Vehicles,
                    run.Validation.IsValid, run.Elapsed.TotalSeconds, null);
                rows.Add(row);
                foreach (var v in run.Validation.Violations.Take(5)) stderr.WriteLine($"  violation: {v}");
                stderr.WriteLine(string.Format(CultureInfo.InvariantCulture, "  distance {0:F4}  vehicles {1}  gap {2}  valid {3}",
                    run.Distance, run.Vehicles, FormatGap(run.GapPercent), run.Validation.IsValid ? "yes" : "NO"));
            }
            catch (InstanceFormatException e)
            {
                stderr.WriteLine($"  error: cannot read instance: {e.Message}");
                rows.Add(new BenchRow(name, entry?.Cost, null, null, null, entry?.Vehicles, false, 0, e.Message));
            }
        }

        var summary = BenchSummary.Of(rows, family == BenchmarkFamily.LiLim);
        WriteTable(stdout, rows, summary, family);
        if (csvPath is not null)
        {
            try
            {
                File.WriteAllText(csvPath, ToCsv(rows));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(stderr, $"cannot write {csvPath}: {e.Message}");
            }
        }
        return summary.Solved == rows.Count && summary.Valid == rows.Count ? 0 : 1;
    }

    /// <summary>The DARP table sits next to the class folders (<c>darp/bks.csv</c>), the Li &amp; Lim table inside its folder.</summary>
    internal static string? DefaultBksPath(string dir)
    {
        string inside = Path.Combine(dir, "bks.csv");
        if (File.Exists(inside)) return inside;
        string parent = Path.Combine(dir, "..", "bks.csv");
        return File.Exists(parent) ? Path.GetFullPath(parent) : null;
    }

    private static void WriteTable(TextWriter w, List<BenchRow> rows, BenchSummary s, BenchmarkFamily family)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine("| instance | BKS | ours | gap % | vehicles | BKS vehicles | valid | time s |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---|---:|");
        foreach (var r in rows)
        {
            if (r.Error is not null)
            {
                w.WriteLine($"| {r.Instance} | {Num(r.BksCost)} | error | | | {r.BksVehicles} | no | |");
                continue;
            }
            w.WriteLine(string.Format(c, "| {0} | {1} | {2} | {3} | {4} | {5} | {6} | {7:F1} |",
                r.Instance, Num(r.BksCost), Num(r.Ours), FormatGap(r.GapPercent), r.Vehicles, r.BksVehicles?.ToString(c) ?? "",
                r.Valid ? "yes" : "NO", r.Seconds));
        }
        w.WriteLine();
        w.WriteLine($"instances {s.Instances}, solved {s.Solved}, valid {s.Valid}");
        string basis = family == BenchmarkFamily.LiLim ? "instances with BKS vehicle count" : "instances with a BKS";
        w.WriteLine($"mean gap {FormatGap(s.MeanGapPercent)} %, max gap {FormatGap(s.MaxGapPercent)} % over {s.GapRows} {basis}");
        if (s.VehicleRows > 0)
            w.WriteLine($"BKS vehicle count reached on {s.BksVehicleHits}/{s.VehicleRows} instances");
    }

    private static string ToCsv(List<BenchRow> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("instance,bks,ours,gap_percent,vehicles,bks_vehicles,valid,seconds,error\n");
        foreach (var r in rows)
            sb.Append(string.Format(c, "{0},{1},{2},{3},{4},{5},{6},{7:F2},{8}\n", r.Instance, Num(r.BksCost), Num(r.Ours),
                r.GapPercent?.ToString("F4", c) ?? "", r.Vehicles?.ToString(c) ?? "", r.BksVehicles?.ToString(c) ?? "",
                r.Valid ? "true" : "false", r.Seconds, r.Error is null ? "" : "\"" + r.Error.Replace("\"", "\"\"") + "\""));
        return sb.ToString();
    }

    private static string Num(double? x) => x?.ToString("F4", CultureInfo.InvariantCulture) ?? "";

    // Rounding noise below 0.0005 % would print as "-0.000"; show it as the tie it is.
    private static string FormatGap(double? gap) =>
        gap is double g ? (Math.Abs(g) < 0.0005 ? 0.0 : g).ToString("F3", CultureInfo.InvariantCulture) : "–";

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return 2;
    }
}
