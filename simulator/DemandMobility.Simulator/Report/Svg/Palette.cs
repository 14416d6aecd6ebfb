namespace DemandMobility.Simulator.Report.Svg;

/// <summary>Colours of the report: a qualitative palette (Okabe &amp; Ito 2008, colour-blind safe) plus fixed outcome colours.</summary>
internal static class Palette
{
    private static readonly string[] Qualitative = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    public static string At(int i) => Qualitative[((i % Qualitative.Length) + Qualitative.Length) % Qualitative.Length];

    public const string Served = "#009E73";
    public const string Rejected = "#D55E00";
    public const string Declined = "#E69F00";
    public const string Cancelled = "#CC79A7";
    public const string NoShow = "#56B4E9";
    public const string Unfinished = "#999999";
    public const string Grid = "#e3e3e3";
    public const string Axis = "#555555";
}
