using System.Globalization;

namespace DemandMobility.Benchmarks;

/// <summary>Settings of the <c>dispatch</c> suite, parsed from <c>--name value</c> pairs.</summary>
/// <param name="Vehicles">Fleet size in total (the six configured default buses count towards it).</param>
/// <param name="Bookings">Confirmed bookings to create before measuring.</param>
/// <param name="SequentialQuotes">Quotes timed one after another in phase (a).</param>
/// <param name="Streams">Concurrent client loops for phase (b), one run per entry.</param>
/// <param name="Seconds">Duration of each phase (b) run.</param>
/// <param name="SoakMinutes">Duration of the soak (c); 0 skips it.</param>
/// <param name="SoakStreams">Concurrent client loops during the soak.</param>
/// <param name="SoakRate">Total quotes per second during the soak; 0 = unpaced (closed loop).</param>
/// <param name="Seed">Seed of the request generator.</param>
/// <param name="H2loadBodyFile">When set, writes a framed RequestQuote body and a token there for h2load.</param>
/// <param name="ConfirmEvery">When above 0, the engine probe runs a third time confirming every that many offers between its quotes.</param>
/// <param name="FixesPerQuote">When above 0, the engine probe runs once more sending that many GPS fixes before every quote.</param>
internal sealed record DispatchBenchmarkOptions(
    int Vehicles, int Bookings, int SequentialQuotes, int[] Streams, int Seconds, int SoakMinutes, int SoakStreams, double SoakRate, int Seed,
    string? H2loadBodyFile, int ConfirmEvery = 0, int FixesPerQuote = 0)
{
    public static DispatchBenchmarkOptions Default { get; } = new(50, 1000, 1000, [8, 32], 20, 0, 8, 0, 1, null);

    /// <summary>Parses the arguments; returns an error message naming the bad option instead of throwing.</summary>
    public static (DispatchBenchmarkOptions? Options, string? Error) Parse(string[] args)
    {
        var o = Default;
        for (int i = 0; i < args.Length; i += 2)
        {
            string name = args[i];
            if (i + 1 >= args.Length) return (null, $"option '{name}' needs a value");
            string value = args[i + 1];
            bool ok = true;
            int n = 0;
            if (name is not ("--streams" or "--h2load-body" or "--soak-rate")) ok = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out n);
            if (!ok) return (null, $"option '{name}': '{value}' is not a non-negative integer");
            switch (name)
            {
                case "--vehicles": o = o with { Vehicles = n }; break;
                case "--bookings": o = o with { Bookings = n }; break;
                case "--quotes": o = o with { SequentialQuotes = n }; break;
                case "--seconds": o = o with { Seconds = n }; break;
                case "--minutes": o = o with { SoakMinutes = n }; break;
                case "--soak-streams": o = o with { SoakStreams = Math.Max(1, n) }; break;
                case "--seed": o = o with { Seed = n }; break;
                case "--confirm-every": o = o with { ConfirmEvery = n }; break;
                case "--fixes-per-quote": o = o with { FixesPerQuote = n }; break;
                case "--soak-rate":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate) || !(rate >= 0))
                        return (null, $"option '--soak-rate': '{value}' is not a non-negative number of quotes per second");
                    o = o with { SoakRate = rate };
                    break;
                case "--h2load-body": o = o with { H2loadBodyFile = value }; break;
                case "--streams":
                    var parts = value.Split(',', StringSplitOptions.RemoveEmptyEntries);
                    var streams = new int[parts.Length];
                    for (int k = 0; k < parts.Length; k++)
                        if (!int.TryParse(parts[k], NumberStyles.None, CultureInfo.InvariantCulture, out streams[k]) || streams[k] < 1)
                            return (null, $"option '--streams': '{parts[k]}' is not a positive integer");
                    o = o with { Streams = streams };
                    break;
                default: return (null, $"unknown option '{name}'");
            }
        }
        if (o.Vehicles < 6) return (null, "option '--vehicles' must be at least 6 (the configured default fleet)");
        return (o, null);
    }
}
