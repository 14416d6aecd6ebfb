namespace DemandMobility.Simulator.Report.Svg;

/// <summary>
/// An x/y chart: bins (for bar series) are [BinStart + i·BinWidth, BinStart + (i+1)·BinWidth) on the x axis;
/// line series carry their own x values. <see cref="XFormat"/> labels the x ticks, every <see cref="XTickStep"/>
/// (default: a 1-2-5 step giving about eight ticks).
/// </summary>
internal sealed record ChartSpec(
    string Title,
    string XAxisLabel,
    string YAxisLabel,
    double XMin,
    double XMax,
    double BinStart,
    double BinWidth,
    Func<double, string> XFormat,
    IReadOnlyList<ChartSeries> Series,
    double? XTickStep = null);
