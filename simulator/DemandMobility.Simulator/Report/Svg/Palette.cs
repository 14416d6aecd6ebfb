namespace DemandMobility.Simulator.Report.Svg;

/// <summary>Colours of the report: a qualitative palette (Okabe &amp; Ito 2008, colour-blind safe) plus fixed outcome colours.</summary>
internal static class Palette
{
    private static readonly string[] Qualitative = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    /// <summary>Twelve well-separated colours for map paths (Tableau 10 plus two darker tones), no yellow on a light map.</summary>
    private static readonly string[] Distinct12 =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22", "#0b3d91", "#7a0019"];

    /// <summary>
    /// <paramref name="n"/> colours that all differ: up to 12 from a qualitative palette, beyond that hues spread
    /// evenly around the colour wheel with alternating lightness, so no two vehicles of a panel share a colour.
    /// </summary>
    public static string[] Distinct(int n)
    {
        if (n <= Distinct12.Length) return Distinct12[..Math.Max(0, n)];
        var colours = new string[n];
        for (int i = 0; i < n; i++)
            colours[i] = Hsl(360.0 * i / n, 0.75, i % 2 == 0 ? 0.38 : 0.55);
        return colours;
    }

    /// <summary>HSL to #rrggbb (the CSS Color 4 conversion).</summary>
    private static string Hsl(double h, double s, double l)
    {
        double F(double n)
        {
            double k = (n + h / 30) % 12;
            return l - s * Math.Min(l, 1 - l) * Math.Max(-1, Math.Min(Math.Min(k - 3, 9 - k), 1));
        }
        int R(double v) => (int)Math.Round(Math.Clamp(v, 0, 1) * 255);
        return $"#{R(F(0)):x2}{R(F(8)):x2}{R(F(4)):x2}";
    }

    public static string At(int i) => Qualitative[((i % Qualitative.Length) + Qualitative.Length) % Qualitative.Length];

    public const string Served = "#009E73";
    public const string Rejected = "#D55E00";
    public const string Declined = "#E69F00";
    public const string Cancelled = "#CC79A7";
    public const string NoShow = "#56B4E9";
    public const string Unfinished = "#999999";

    /// <summary>Trips whose promise the dispatcher gave up (breakdown, missed pickup).</summary>
    public const string Disrupted = "#7b3294";
    public const string Grid = "#e3e3e3";
    public const string Axis = "#555555";
}
