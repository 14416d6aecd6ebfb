using DemandMobility.Routing.Graph;

namespace DemandMobility.Routing;

/// <summary>
/// Per-hour speed factors by road class (1 = free flow, 0.9 = 10 % slower), looked up by the local hour of the
/// departure. Hours with the same factors share one band; a router builds one customised metric (the same
/// turn-aware graph, re-weighted and re-contracted) per band on first use and keeps it, so a matrix at a
/// departure time costs what a free-flow matrix costs.
/// </summary>
/// <remarks>
/// Default: free flow, except the rural weekday peaks seen in the German mobility survey MiD 2017 (Mobilität in
/// Deutschland, time-of-day profile of car trips: peaks 7–9 h and 16–18 h) on the through-road classes that carry
/// the commuter traffic: 0.90 on trunk, primary and secondary, 0.95 on tertiary roads in 7–9 h and 16–18 h. The
/// size of the slowdown is our estimate for rural counties (no congestion in the strict sense, platoons behind
/// lorries and buses, busier junctions); calibrate from fleet data. Times are read in <see cref="TimeZone"/>
/// (default Europe/Berlin).
/// </remarks>
public sealed class TimeOfDayProfile
{
    private const int Classes = 10;
    private readonly double[] _factors; // [hour * Classes + class]
    private readonly int[] _bandOfHour;

    /// <summary>Creates a profile from 24 rows of speed factors, one per <see cref="RoadClass"/> value (10 columns).</summary>
    /// <exception cref="ArgumentException">Not 24 x 10 factors, or a factor outside (0, 2].</exception>
    public TimeOfDayProfile(double[][] factorsByHourAndClass, TimeZoneInfo? timeZone = null)
    {
        if (factorsByHourAndClass.Length != 24)
            throw new ArgumentException($"Time-of-day factors need 24 hourly rows, got {factorsByHourAndClass.Length}.", nameof(factorsByHourAndClass));
        _factors = new double[24 * Classes];
        for (int h = 0; h < 24; h++)
        {
            var row = factorsByHourAndClass[h];
            if (row.Length != Classes)
                throw new ArgumentException($"Time-of-day factors of hour {h} have {row.Length} road classes, expected {Classes}.", nameof(factorsByHourAndClass));
            for (int c = 0; c < Classes; c++)
            {
                if (!(row[c] > 0 && row[c] <= 2))
                    throw new ArgumentException($"Time-of-day factor of hour {h}, road class {(RoadClass)c} is {row[c]}; it must lie in (0, 2].", nameof(factorsByHourAndClass));
                _factors[h * Classes + c] = row[c];
            }
        }
        TimeZone = timeZone ?? BerlinOrUtc();
        _bandOfHour = new int[24];
        var firstHourOfBand = new List<int>();
        for (int h = 0; h < 24; h++)
        {
            int band = firstHourOfBand.FindIndex(f => SameRow(f, h));
            if (band < 0) { band = firstHourOfBand.Count; firstHourOfBand.Add(h); }
            _bandOfHour[h] = band;
        }
        BandCount = firstHourOfBand.Count;
        FreeFlowHours = Enumerable.Range(0, 24).Where(IsFreeFlow).ToArray();
    }

    /// <summary>The default profile (see remarks).</summary>
    public static TimeOfDayProfile Default { get; } = CreateDefault();

    /// <summary>Free flow all day.</summary>
    public static TimeOfDayProfile FreeFlow { get; } = new(Enumerable.Range(0, 24).Select(_ => Enumerable.Repeat(1.0, Classes).ToArray()).ToArray());

    /// <summary>Time zone in which departure times are read.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Number of distinct hourly rows (each gets one metric).</summary>
    public int BandCount { get; }

    /// <summary>Hours without any slowdown.</summary>
    public IReadOnlyList<int> FreeFlowHours { get; }

    /// <summary>Speed factor of a road class in an hour.</summary>
    public double Factor(int hour, RoadClass roadClass) => _factors[hour * Classes + (int)roadClass];

    /// <summary>Local hour (0..23) of a departure.</summary>
    public int HourOf(DateTimeOffset departure) => TimeZoneInfo.ConvertTime(departure, TimeZone).Hour;

    /// <summary>Band of an hour (hours with equal factors share a band).</summary>
    public int BandOf(int hour) => _bandOfHour[hour];

    /// <summary>True when every factor of the hour is 1.</summary>
    public bool IsFreeFlow(int hour)
    {
        for (int c = 0; c < Classes; c++) if (_factors[hour * Classes + c] != 1) return false;
        return true;
    }

    /// <summary>Travel time of every road edge in an hour: free-flow time divided by the class factor.</summary>
    public int[] EdgeDurationsMs(RoadGraph g, ReadOnlySpan<int> freeFlowMs, int hour)
    {
        var ms = new int[g.EdgeCount];
        for (int e = 0; e < ms.Length; e++)
            ms[e] = Math.Max(1, (int)Math.Round(freeFlowMs[e] / Factor(hour, (RoadClass)g.EdgeRoadClass[e])));
        return ms;
    }

    private bool SameRow(int a, int b)
    {
        for (int c = 0; c < Classes; c++) if (_factors[a * Classes + c] != _factors[b * Classes + c]) return false;
        return true;
    }

    private static TimeOfDayProfile CreateDefault()
    {
        var rows = new double[24][];
        for (int h = 0; h < 24; h++)
        {
            rows[h] = Enumerable.Repeat(1.0, Classes).ToArray();
            if (h is 7 or 8 or 16 or 17)
            {
                rows[h][(int)RoadClass.Trunk] = 0.90;
                rows[h][(int)RoadClass.Primary] = 0.90;
                rows[h][(int)RoadClass.Secondary] = 0.90;
                rows[h][(int)RoadClass.Tertiary] = 0.95;
            }
        }
        return new TimeOfDayProfile(rows);
    }

    private static TimeZoneInfo BerlinOrUtc()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
        catch (InvalidTimeZoneException) { return TimeZoneInfo.Utc; }
    }
}
