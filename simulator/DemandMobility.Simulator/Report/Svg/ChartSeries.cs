namespace DemandMobility.Simulator.Report.Svg;

/// <summary>How a series is drawn.</summary>
internal enum SeriesKind
{
    /// <summary>Bars per bin, stacked on the other stacked series.</summary>
    StackedBars,

    /// <summary>Bars per bin, side by side with the other grouped series.</summary>
    GroupedBars,

    /// <summary>A line through the points.</summary>
    Line,
}

/// <summary>
/// One series of a chart. For bars, <see cref="Y"/> holds one value per bin of the chart; for lines, points (X[i], Y[i]),
/// with optional whiskers from <see cref="Low"/>[i] to <see cref="High"/>[i] (the spread over seeds of a sweep).
/// </summary>
internal sealed record ChartSeries(string Name, string Colour, SeriesKind Kind, double[] Y, double[]? X = null, bool Dashed = false,
    double[]? Low = null, double[]? High = null);
