using System.Globalization;

namespace DemandMobility.Simulator.Report.Svg;

/// <summary>Draws a <see cref="ChartSpec"/> as SVG: title, gridlines, axes with "nice" ticks, units, legend, bars and lines.</summary>
internal static class XyChart
{
    private const double Width = 760, Height = 300;
    private const double Left = 60, Right = 20, Top = 34, Bottom = 62, LegendRow = 15;

    public static string Render(ChartSpec spec)
    {
        // Legend items left to right below the axis title, wrapped into as many rows as they need.
        var legend = new List<(ChartSeries Series, double X, int Row)>();
        double cursor = Left;
        int rows = spec.Series.Count > 0 ? 1 : 0;
        foreach (var s in spec.Series)
        {
            double itemWidth = 28 + 6.2 * s.Name.Length;
            if (cursor > Left && cursor + itemWidth > Width - 8)
            {
                cursor = Left;
                rows++;
            }
            legend.Add((s, cursor, rows - 1));
            cursor += itemWidth;
        }
        double height = Height + Math.Max(0, rows - 1) * LegendRow;
        using var svg = new SvgDocument(Width, height, spec.Title);
        svg.Text(Width / 2, 18, spec.Title, "middle", 13, bold: true);
        double plotW = Width - Left - Right, plotH = Height - Top - Bottom;

        double yMax = MaxY(spec);
        bool empty = spec.Series.All(s => s.Y.Length == 0);
        double yTop = yMax > 0 ? NiceCeiling(yMax) : 1;
        double xSpan = spec.XMax - spec.XMin;
        if (!(xSpan > 0))
            xSpan = 1;
        double X(double x) => Left + (x - spec.XMin) / xSpan * plotW;
        double Y(double y) => Top + plotH - y / yTop * plotH;

        // Grid and y ticks.
        double yStep = NiceStep(yTop / 5);
        for (double t = 0; t <= yTop + yStep * 0.01; t += yStep)
        {
            svg.Line(Left, Y(t), Left + plotW, Y(t), Palette.Grid);
            svg.Text(Left - 6, Y(t) + 4, Format(t), "end", 10);
        }
        // X ticks: about eight.
        double xStep = spec.XTickStep is > 0 ? spec.XTickStep.Value : NiceStep(xSpan / 8);
        for (double t = Math.Ceiling(spec.XMin / xStep) * xStep; t <= spec.XMax + xStep * 0.01; t += xStep)
        {
            svg.Line(X(t), Top + plotH, X(t), Top + plotH + 4, Palette.Axis);
            svg.Text(X(t), Top + plotH + 16, spec.XFormat(t), "middle", 10);
        }
        svg.Line(Left, Top, Left, Top + plotH, Palette.Axis);
        svg.Line(Left, Top + plotH, Left + plotW, Top + plotH, Palette.Axis);
        svg.Text(Left + plotW / 2, Top + plotH + 32, spec.XAxisLabel, "middle");
        svg.Text(14, Top + plotH / 2, spec.YAxisLabel, "middle", rotate: -90);

        if (empty)
        {
            svg.Text(Left + plotW / 2, Top + plotH / 2, "no data", "middle", 14, "#888");
        }
        else
        {
            DrawBars(svg, spec, X, Y);
            foreach (var s in spec.Series)
            {
                if (s.Kind != SeriesKind.Line || s.X is null)
                    continue;
                var points = new List<(double, double)>(s.Y.Length);
                for (int i = 0; i < s.Y.Length && i < s.X.Length; i++)
                    points.Add((X(s.X[i]), Y(s.Y[i])));
                svg.Polyline(points, s.Colour, 1.8, s.Dashed, title: s.Name);
                if (s.Low is not null && s.High is not null)
                    for (int i = 0; i < s.X.Length && i < s.Low.Length && i < s.High.Length; i++)
                    {
                        double x = X(s.X[i]);
                        svg.Line(x, Y(s.Low[i]), x, Y(s.High[i]), s.Colour, 1.5);
                        svg.Line(x - 4, Y(s.Low[i]), x + 4, Y(s.Low[i]), s.Colour, 1.5);
                        svg.Line(x - 4, Y(s.High[i]), x + 4, Y(s.High[i]), s.Colour, 1.5);
                    }
                if (s.Low is not null)
                    foreach (var (px, py) in points)
                        svg.Circle(px, py, 2.6, s.Colour);
            }
        }

        foreach (var (s, lx, row) in legend)
        {
            double ly = Height - 12 + row * LegendRow;
            if (s.Kind == SeriesKind.Line)
                svg.Line(lx, ly - 4, lx + 16, ly - 4, s.Colour, 2.5, s.Dashed);
            else
                svg.Rect(lx, ly - 10, 12, 10, s.Colour);
            svg.Text(lx + 20, ly, s.Name, size: 10);
        }
        return svg.ToMarkup();
    }

    private static void DrawBars(SvgDocument svg, ChartSpec spec, Func<double, double> X, Func<double, double> Y)
    {
        var stacked = spec.Series.Where(s => s.Kind == SeriesKind.StackedBars).ToList();
        var grouped = spec.Series.Where(s => s.Kind == SeriesKind.GroupedBars).ToList();
        int bins = spec.Series.Where(s => s.Kind != SeriesKind.Line).Select(s => s.Y.Length).DefaultIfEmpty(0).Max();
        for (int b = 0; b < bins; b++)
        {
            double x0 = spec.BinStart + b * spec.BinWidth;
            double px0 = X(x0) + 1, px1 = X(x0 + spec.BinWidth) - 1;
            double baseline = 0;
            foreach (var s in stacked)
            {
                double v = b < s.Y.Length ? s.Y[b] : 0;
                if (v <= 0)
                    continue;
                svg.Rect(px0, Y(baseline + v), px1 - px0, Y(baseline) - Y(baseline + v), s.Colour,
                    $"{s.Name} {spec.XFormat(x0)}: {Format(v)}");
                baseline += v;
            }
            if (grouped.Count > 0)
            {
                double w = (px1 - px0) / grouped.Count;
                for (int g = 0; g < grouped.Count; g++)
                {
                    double v = b < grouped[g].Y.Length ? grouped[g].Y[b] : 0;
                    if (v <= 0)
                        continue;
                    svg.Rect(px0 + g * w, Y(v), w, Y(0) - Y(v), grouped[g].Colour, $"{grouped[g].Name} {spec.XFormat(x0)}: {Format(v)}");
                }
            }
        }
    }

    private static double MaxY(ChartSpec spec)
    {
        double max = 0;
        int bins = spec.Series.Select(s => s.Y.Length).DefaultIfEmpty(0).Max();
        for (int b = 0; b < bins; b++)
        {
            double stack = 0;
            foreach (var s in spec.Series)
            {
                if (b >= s.Y.Length || !double.IsFinite(s.Y[b]))
                    continue;
                if (s.Kind == SeriesKind.StackedBars)
                    stack += Math.Max(0, s.Y[b]);
                else
                    max = Math.Max(max, s.Y[b]);
                if (s.High is not null && b < s.High.Length && double.IsFinite(s.High[b]))
                    max = Math.Max(max, s.High[b]);
            }
            max = Math.Max(max, stack);
        }
        return max;
    }

    /// <summary>1, 2 or 5 times a power of ten at or above <paramref name="raw"/> (Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990).</summary>
    internal static double NiceStep(double raw)
    {
        if (!(raw > 0))
            return 1;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / power;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
    }

    private static double NiceCeiling(double v)
    {
        double step = NiceStep(v / 5);
        return Math.Ceiling(v / step) * step;
    }

    internal static string Format(double v) =>
        Math.Abs(v - Math.Round(v)) < 1e-9 ? Math.Round(v).ToString("0", CultureInfo.InvariantCulture) : v.ToString("0.##", CultureInfo.InvariantCulture);
}
