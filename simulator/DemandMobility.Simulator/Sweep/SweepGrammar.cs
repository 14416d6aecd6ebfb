using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Sweep;

/// <summary>
/// The grammar of <c>--sweep NAME=VALUES</c>:
/// <code>
/// VALUES := RANGE | LIST
/// RANGE  := FROM ".." TO [":" STEP]        fleet=6..14, max_wait=10..30:5   (inclusive, step 1 by default)
/// LIST   := VALUE ("," VALUE)*              fleet=6,8,12   service_hours=06:00-20:00,06:00-22:00
/// </code>
/// Parameters: <c>fleet</c> (vehicles in service at once; the scenario's fleet entries are scaled in proportion),
/// <c>service_hours</c> (<c>HH:mm-HH:mm</c>: demand window and the shifts stretched or clipped to it),
/// <c>max_wait</c> and <c>promise_window</c> (minutes; the dispatcher's rules) and <c>trips</c> (synthetic
/// requests per day). Several <c>--sweep</c> options span a grid. Every mistake is a <see cref="SweepException"/>
/// naming the argument.
/// </summary>
public static partial class SweepGrammar
{
    /// <summary>Largest grid (points × seeds) a sweep runs: a typo such as 6..1400 should not start a night's work.</summary>
    public const int MaxRuns = 400;

    /// <summary>Parameter names and what they mean (with units).</summary>
    public static readonly IReadOnlyDictionary<string, string> Parameters = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fleet"] = "fleet (vehicles in service at once)",
        ["service_hours"] = "service hours (local time)",
        ["max_wait"] = "maximum wait (min)",
        ["promise_window"] = "promise window (min)",
        ["trips"] = "requests per day",
    };

    /// <summary>Parses one <c>--sweep</c> argument.</summary>
    /// <exception cref="SweepException">Unknown parameter, bad range or value (the message says what is expected).</exception>
    public static SweepAxis Parse(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        int eq = argument.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == argument.Length - 1)
            throw new SweepException($"--sweep '{argument}': expected NAME=VALUES, e.g. fleet=6..14 or max_wait=10,15,20 (names: {string.Join(", ", Parameters.Keys)}).");
        string name = argument[..eq].Trim().ToLowerInvariant().Replace('-', '_');
        string values = argument[(eq + 1)..].Trim();
        if (!Parameters.ContainsKey(name))
        {
            string? near = Suggest.Nearest(name, Parameters.Keys);
            throw new SweepException($"--sweep '{argument}': unknown parameter '{name}'{(near is null ? "" : $" (did you mean '{near}'?)")}; known: {string.Join(", ", Parameters.Keys)}.");
        }
        var parsed = name == "service_hours" ? ServiceHours(argument, values) : Numbers(argument, name, values);
        if (parsed.Select(v => v.Text).Distinct(StringComparer.Ordinal).Count() != parsed.Length)
            throw new SweepException($"--sweep '{argument}': a value is listed twice.");
        return new SweepAxis(name, parsed);
    }

    /// <summary>Checks the number of runs of a grid.</summary>
    /// <exception cref="SweepException">More than <see cref="MaxRuns"/> runs, or fewer than one seed.</exception>
    public static void CheckSize(IReadOnlyList<SweepAxis> axes, int seeds)
    {
        if (seeds < 1) throw new SweepException($"--seeds {seeds}: must be at least 1.");
        long runs = seeds;
        foreach (var a in axes) runs *= a.Values.Length;
        if (runs > MaxRuns)
            throw new SweepException($"the sweep would run {runs} simulations (grid points × seeds); at most {MaxRuns}: narrow a range or add a step (e.g. fleet=6..30:2).");
        if (axes.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != axes.Count)
            throw new SweepException("--sweep: the same parameter is swept twice; give all its values in one --sweep.");
    }

    private static ImmutableArray<SweepValue> Numbers(string argument, string name, string values)
    {
        bool whole = name is "fleet" or "trips";
        double min = name switch { "fleet" => 1, "trips" => 0, _ => 0 };
        double max = name switch { "fleet" => 500, "trips" => 100_000, _ => 1440 };
        var list = new List<double>();
        var range = Range().Match(values);
        if (range.Success)
        {
            double from = Number(argument, range.Groups["from"].Value, whole), to = Number(argument, range.Groups["to"].Value, whole);
            double step = range.Groups["step"].Success ? Number(argument, range.Groups["step"].Value, whole) : 1;
            if (!(step > 0)) throw new SweepException($"--sweep '{argument}': the step must be greater than 0.");
            if (to < from) throw new SweepException($"--sweep '{argument}': the range runs backwards ({Fmt(from)} > {Fmt(to)}); write {Fmt(to)}..{Fmt(from)}.");
            for (int i = 0; from + i * step <= to + 1e-9; i++)
            {
                list.Add(Math.Round(from + i * step, 6));
                if (list.Count > MaxRuns) throw new SweepException($"--sweep '{argument}': more than {MaxRuns} values; add a larger step.");
            }
        }
        else if (values.Contains("..", StringComparison.Ordinal))
            throw new SweepException($"--sweep '{argument}': a range is FROM..TO or FROM..TO:STEP, e.g. {name}=6..14 or {name}=6..14:2.");
        else
            foreach (string part in values.Split(','))
                list.Add(Number(argument, part.Trim(), whole));
        foreach (double v in list)
            if (v < min || v > max)
                throw new SweepException($"--sweep '{argument}': {Fmt(v)} is outside {Fmt(min)}–{Fmt(max)} for {name}.");
        return [.. list.Select(v => new SweepValue(Fmt(v), v))];
    }

    private static double Number(string argument, string text, bool whole)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new SweepException($"--sweep '{argument}': '{text}' is not a number.");
        if (whole && v != Math.Round(v)) throw new SweepException($"--sweep '{argument}': '{text}' must be a whole number.");
        return v;
    }

    private static ImmutableArray<SweepValue> ServiceHours(string argument, string values)
    {
        var list = ImmutableArray.CreateBuilder<SweepValue>();
        foreach (string part in values.Split(','))
        {
            var m = Hours().Match(part.Trim());
            if (!m.Success)
                throw new SweepException($"--sweep '{argument}': '{part.Trim()}' is not a service period HH:mm-HH:mm (e.g. service_hours=06:00-20:00,06:00-22:00).");
            if (!TimeOnly.TryParseExact(m.Groups["from"].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                || !TimeOnly.TryParseExact(m.Groups["to"].Value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
                throw new SweepException($"--sweep '{argument}': '{part.Trim()}' holds an invalid clock time.");
            if (to <= from) throw new SweepException($"--sweep '{argument}': '{part.Trim()}' ends before it starts.");
            list.Add(new SweepValue(part.Trim(), (to - from).TotalHours));
        }
        return list.ToImmutable();
    }

    private static string Fmt(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<from>[-+]?\d+(?:\.\d+)?)\.\.(?<to>[-+]?\d+(?:\.\d+)?)(?::(?<step>.+))?$")]
    private static partial Regex Range();

    [GeneratedRegex(@"^(?<from>\d{2}:\d{2})-(?<to>\d{2}:\d{2})$")]
    private static partial Regex Hours();
}
