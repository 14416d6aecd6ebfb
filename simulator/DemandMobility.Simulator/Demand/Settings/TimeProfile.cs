using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace DemandMobility.Simulator.Demand;

/// <summary>
/// Relative demand per hour of the day (hour 0–23 → weight; hours not listed have none). In a scenario either a
/// name (<c>"rural_weekday"</c>, <c>"commuter"</c>, <c>"flat"</c>) or a list of <c>[hour, weight]</c> pairs.
/// </summary>
[JsonConverter(typeof(TimeProfileJsonConverter))]
public sealed class TimeProfile
{
    private TimeProfile(string? name, ImmutableArray<double> weights)
    {
        Name = name;
        HourWeights = weights;
    }

    /// <summary>
    /// A weekday in a rural district: a morning peak (7–8 h: school, work, doctor), a flatter midday, an afternoon
    /// peak (16–17 h) and little evening demand. The weights are set by hand to the familiar shape of weekday
    /// trip-start curves (e.g. "Mobilität in Deutschland 2017", infas/BMVI); they are not copied from its tables.
    /// </summary>
    public static TimeProfile RuralWeekday { get; } = FromPairs("rural_weekday",
        [(5, 0.3), (6, 1.2), (7, 2.2), (8, 1.6), (9, 1.3), (10, 1.3), (11, 1.4), (12, 1.5), (13, 1.5), (14, 1.4),
         (15, 1.6), (16, 1.9), (17, 1.8), (18, 1.3), (19, 0.9), (20, 0.6), (21, 0.4), (22, 0.2)]);

    /// <summary>Commuter-heavy: sharp peaks 6–8 h and 16–18 h.</summary>
    public static TimeProfile Commuter { get; } = FromPairs("commuter",
        [(5, 0.5), (6, 2.5), (7, 3), (8, 1.5), (9, 0.7), (10, 0.6), (11, 0.7), (12, 0.8), (13, 0.8), (14, 0.9),
         (15, 1.5), (16, 2.5), (17, 2.5), (18, 1.5), (19, 0.7), (20, 0.4), (21, 0.3)]);

    /// <summary>Equal demand every hour from 6 to 22 h.</summary>
    public static TimeProfile Flat { get; } = FromPairs("flat",
        [(6, 1), (7, 1), (8, 1), (9, 1), (10, 1), (11, 1), (12, 1), (13, 1), (14, 1), (15, 1), (16, 1), (17, 1), (18, 1), (19, 1), (20, 1), (21, 1)]);

    /// <summary>The profile's name, or null for a profile given as pairs.</summary>
    public string? Name { get; }

    /// <summary>Weight of each hour 0–23 (24 entries, not normalised).</summary>
    public ImmutableArray<double> HourWeights { get; }

    /// <summary>Finds a named profile; null when the name is unknown.</summary>
    public static TimeProfile? Named(string name) => name switch
    {
        "rural_weekday" => RuralWeekday,
        "commuter" => Commuter,
        "flat" => Flat,
        _ => null,
    };

    /// <summary>The names <see cref="Named"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["rural_weekday", "commuter", "flat"];

    /// <summary>Builds a profile from (hour, weight) pairs; hours must be 0–23 and weights ≥ 0 with a positive sum.</summary>
    /// <exception cref="ArgumentException">An hour outside 0–23, a negative or non-finite weight, or all weights zero.</exception>
    public static TimeProfile FromPairs(string? name, IEnumerable<(int Hour, double Weight)> pairs)
    {
        var weights = new double[24];
        foreach (var (hour, weight) in pairs)
        {
            if (hour is < 0 or > 23)
                throw new ArgumentException($"time_profile: hour {hour} is outside 0–23.", nameof(pairs));
            if (!double.IsFinite(weight) || weight < 0)
                throw new ArgumentException($"time_profile: weight {weight} of hour {hour} must be a finite number ≥ 0.", nameof(pairs));
            weights[hour] += weight;
        }
        if (weights.Sum() <= 0)
            throw new ArgumentException("time_profile: all weights are zero.", nameof(pairs));
        return new TimeProfile(name, [.. weights]);
    }

    /// <summary>Share of the day's demand falling in [<paramref name="fromHour"/>, <paramref name="toHour"/>).</summary>
    public double ShareBetween(int fromHour, int toHour)
    {
        double total = 0, part = 0;
        for (int h = 0; h < 24; h++)
        {
            total += HourWeights[h];
            if (h >= fromHour && h < toHour)
                part += HourWeights[h];
        }
        return part / total;
    }

    /// <summary>Draws a time of day (seconds after midnight): an hour by weight, then uniformly within it.</summary>
    internal double SampleSecondOfDay(Random random)
    {
        double total = 0;
        for (int h = 0; h < 24; h++)
            total += HourWeights[h];
        double x = random.NextDouble() * total;
        for (int h = 0; h < 24; h++)
        {
            x -= HourWeights[h];
            if (x < 0 || (h == 23 && HourWeights[h] > 0))
                return h * 3600 + random.NextDouble() * 3600;
        }
        // Rounding can leave x a hair above zero after the last positive hour: use that hour.
        int last = 23;
        while (HourWeights[last] <= 0)
            last--;
        return last * 3600 + random.NextDouble() * 3600;
    }
}
