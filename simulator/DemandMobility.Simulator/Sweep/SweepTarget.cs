using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Sweep;

/// <summary>One condition of a target: a kpis.json key, a comparison and a bound in the key's unit.</summary>
public sealed record TargetCondition(string Key, string Operator, double Bound)
{
    /// <summary>Whether <paramref name="value"/> meets the condition.</summary>
    public bool IsMet(double value) => Operator switch
    {
        ">=" => value >= Bound - 1e-9,
        "<=" => value <= Bound + 1e-9,
        ">" => value > Bound,
        _ => value < Bound,
    };

    /// <inheritdoc />
    public override string ToString() => Key + " " + Operator + " " + Bound.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>
/// What a grid point must achieve: <c>--target "served&gt;=0.95,wait_p95&lt;=1200"</c>. Conditions are separated by commas;
/// each is KEY OP NUMBER with OP one of &gt;= &lt;= &gt; &lt;. KEY is a kpis.json key or a short name
/// (<c>served</c> = served_share, <c>wait_p50</c>/<c>wait_p95</c> = wait_p50_s/wait_p95_s, <c>ride_p95</c>,
/// <c>cost_per_trip</c> = cost_per_trip_eur, <c>cost</c> = cost_eur, <c>punctuality</c> = pickups_in_window_share).
/// A number may carry a unit: <c>%</c> (95% = 0.95), <c>min</c> (20min = 1200 s) or <c>s</c>.
/// A grid point meets the target when the mean over its seeds meets every condition.
/// </summary>
public sealed partial record SweepTarget(ImmutableArray<TargetCondition> Conditions)
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["served"] = "served_share",
        ["wait_p50"] = "wait_p50_s",
        ["wait_p95"] = "wait_p95_s",
        ["wait_mean"] = "wait_mean_s",
        ["ride_p95"] = "ride_p95_s",
        ["cost_per_trip"] = "cost_per_trip_eur",
        ["cost_per_passenger_km"] = "cost_per_passenger_km_eur",
        ["cost"] = "cost_eur",
        ["punctuality"] = "pickups_in_window_share",
        ["detour"] = "detour_factor_mean",
    };

    /// <summary>Parses a target; <paramref name="knownKeys"/> are the keys a run produces (for "did you mean").</summary>
    /// <exception cref="SweepException">A condition that cannot be read or names no key.</exception>
    public static SweepTarget Parse(string text, IReadOnlyCollection<string> knownKeys)
    {
        ArgumentNullException.ThrowIfNull(text);
        var conditions = ImmutableArray.CreateBuilder<TargetCondition>();
        foreach (string raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var m = Condition().Match(raw);
            if (!m.Success)
                throw new SweepException($"--target '{raw}': expected KEY>=NUMBER or KEY<=NUMBER (also > <), e.g. served>=0.95 or wait_p95<=20min.");
            string key = m.Groups["key"].Value.ToLowerInvariant();
            key = Aliases.GetValueOrDefault(key, key);
            if (!knownKeys.Contains(key))
            {
                string? near = Suggest.Nearest(key, knownKeys.Concat(Aliases.Keys));
                throw new SweepException($"--target '{raw}': '{m.Groups["key"].Value}' is no key figure{(near is null ? "" : $" (did you mean '{near}'?)")}; use a kpis.json key or one of {string.Join(", ", Aliases.Keys)}.");
            }
            if (!double.TryParse(m.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double bound))
                throw new SweepException($"--target '{raw}': '{m.Groups["number"].Value}' is not a number.");
            string unit = m.Groups["unit"].Value.ToLowerInvariant();
            bound = unit switch
            {
                "%" => bound / 100,
                "min" => bound * 60,
                _ => bound,
            };
            if (unit == "%" && !key.EndsWith("_share", StringComparison.Ordinal))
                throw new SweepException($"--target '{raw}': % only fits a share (a key ending in _share).");
            if (unit is "min" or "s" && !key.EndsWith("_s", StringComparison.Ordinal))
                throw new SweepException($"--target '{raw}': a time unit only fits a key in seconds (ending in _s).");
            conditions.Add(new TargetCondition(key, m.Groups["op"].Value, bound));
        }
        if (conditions.Count == 0) throw new SweepException("--target: give at least one condition, e.g. \"served>=0.95,wait_p95<=1200\".");
        return new SweepTarget(conditions.ToImmutable());
    }

    /// <summary>Whether the figures meet every condition (a missing key fails).</summary>
    public bool IsMet(IReadOnlyDictionary<string, double> kpis) =>
        Conditions.All(c => kpis.TryGetValue(c.Key, out double v) && c.IsMet(v));

    /// <inheritdoc />
    public override string ToString() => string.Join(" and ", Conditions);

    [GeneratedRegex(@"^(?<key>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>>=|<=|>|<)\s*(?<number>[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(?<unit>%|min|s)?$")]
    private static partial Regex Condition();
}
