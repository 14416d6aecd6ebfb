using System.Globalization;
using DemandMobility.Optimization.Instances;

namespace DemandMobility.Benchmarks;

/// <summary>
/// Suite <c>darp-generate</c>: writes Cordeau-style DARP instances (<see cref="DarpGenerator"/>) larger than the public
/// a/b sets, for measuring search speed and quality per iteration at 100–144 requests with the <c>optimiser darp</c> suite.
/// <c>darp-generate --out DIR [--class a|b] [--sizes K-n,K-n,...] [--duration T] [--seeds 1,2,...]</c>; the default
/// sizes 9-108, 10-120, 11-132, 12-144 keep the public sets' one request per vehicle-hour, the default duration is
/// T = 60·n/K minutes (720 for those). No BKS table is written: there are no published costs for these files.
/// </summary>
internal static class DarpGenerateBenchmark
{
    public static int Run(string[] args)
    {
        string? dir = Option(args, "--out");
        if (dir is null)
        {
            Console.Error.WriteLine("usage: darp-generate --out DIR [--class a|b] [--sizes K-n,K-n,...] [--duration T] [--seeds 1,2,...]");
            return 2;
        }
        string cls = Option(args, "--class") ?? "a";
        if (cls is not ("a" or "b"))
        {
            Console.Error.WriteLine($"--class must be a or b, is '{cls}'");
            return 2;
        }
        double? duration = null;
        if (Option(args, "--duration") is string t)
        {
            if (!double.TryParse(t, CultureInfo.InvariantCulture, out double minutes))
            {
                Console.Error.WriteLine($"--duration '{t}' is not a number of minutes");
                return 2;
            }
            duration = minutes;
        }
        var seeds = new List<int>();
        foreach (var text in (Option(args, "--seeds") ?? "1").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(text, CultureInfo.InvariantCulture, out int seed))
            {
                Console.Error.WriteLine($"--seeds entry '{text}' is not an integer");
                return 2;
            }
            seeds.Add(seed);
        }
        Directory.CreateDirectory(dir);
        foreach (var size in (Option(args, "--sizes") ?? "9-108,10-120,11-132,12-144").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = size.Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out int k) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out int n))
            {
                Console.Error.WriteLine($"--sizes entry '{size}' is not K-n (vehicles-requests, e.g. 10-120)");
                return 2;
            }
            foreach (int seed in seeds)
            {
                var spec = new DarpGeneratorSpec(cls[0], k, n, duration ?? Math.Round(60.0 * n / k), seed);
                string text;
                try
                {
                    text = DarpGenerator.Generate(spec);
                }
                catch (ArgumentException e)
                {
                    Console.Error.WriteLine($"darp-generate {spec.Name}: {e.Message}");
                    return 2;
                }
                string path = Path.Combine(dir, spec.Name + ".txt");
                File.WriteAllText(path, text);
                Console.WriteLine(path);
            }
        }
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
