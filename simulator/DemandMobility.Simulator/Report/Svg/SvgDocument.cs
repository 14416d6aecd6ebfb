using System.Globalization;
using System.Text;
using System.Xml;

namespace DemandMobility.Simulator.Report.Svg;

/// <summary>
/// A small SVG writer over <see cref="XmlWriter"/>, so every chart is well-formed XML and every text is escaped
/// whatever a scenario or vehicle is called. Coordinates are written with invariant culture and two decimals.
/// </summary>
internal sealed class SvgDocument : IDisposable
{
    private readonly StringBuilder _text = new();
    private readonly XmlWriter _xml;

    public SvgDocument(double width, double height, string title)
    {
        _xml = XmlWriter.Create(_text, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment });
        _xml.WriteStartElement("svg", "http://www.w3.org/2000/svg");
        _xml.WriteAttributeString("width", Num(width));
        _xml.WriteAttributeString("height", Num(height));
        _xml.WriteAttributeString("viewBox", "0 0 " + Num(width) + " " + Num(height));
        _xml.WriteAttributeString("role", "img");
        _xml.WriteAttributeString("font-family", "sans-serif");
        _xml.WriteAttributeString("font-size", "11");
        _xml.WriteElementString("title", Clean(title));
        Width = width;
        Height = height;
    }

    public double Width { get; }

    public double Height { get; }

    public void Rect(double x, double y, double w, double h, string fill, string? title = null, string? stroke = null, double opacity = 1)
    {
        _xml.WriteStartElement("rect");
        Attr("x", x);
        Attr("y", y);
        Attr("width", Math.Max(0, w));
        Attr("height", Math.Max(0, h));
        _xml.WriteAttributeString("fill", fill);
        if (stroke is not null)
            _xml.WriteAttributeString("stroke", stroke);
        if (opacity < 1)
            Attr("fill-opacity", opacity);
        if (title is not null)
            _xml.WriteElementString("title", Clean(title));
        _xml.WriteEndElement();
    }

    /// <summary>A closed filled polygon (hex bins, arrows); <paramref name="title"/> shows as a tooltip.</summary>
    public void Polygon(IReadOnlyList<(double X, double Y)> points, string fill, string? stroke = null, double opacity = 1, string? title = null)
    {
        var sb = new StringBuilder(points.Count * 14);
        foreach (var (x, y) in points)
            sb.Append(Num(x)).Append(',').Append(Num(y)).Append(' ');
        _xml.WriteStartElement("polygon");
        _xml.WriteAttributeString("points", sb.ToString().TrimEnd());
        _xml.WriteAttributeString("fill", fill);
        if (stroke is not null)
            _xml.WriteAttributeString("stroke", stroke);
        if (opacity < 1)
            Attr("fill-opacity", opacity);
        if (title is not null)
            _xml.WriteElementString("title", Clean(title));
        _xml.WriteEndElement();
    }

    /// <summary>A map label: dark text on a white halo, so it reads over paths and dots.</summary>
    public void Label(double x, double y, string text, double size, bool bold = false)
    {
        _xml.WriteStartElement("text");
        Attr("x", x);
        Attr("y", y);
        Attr("font-size", size);
        _xml.WriteAttributeString("fill", "#1a1a1a");
        _xml.WriteAttributeString("stroke", "#ffffff");
        _xml.WriteAttributeString("stroke-width", "3");
        _xml.WriteAttributeString("stroke-linejoin", "round");
        _xml.WriteAttributeString("paint-order", "stroke");
        if (bold)
            _xml.WriteAttributeString("font-weight", "bold");
        _xml.WriteString(Clean(text));
        _xml.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, bool dashed = false)
    {
        _xml.WriteStartElement("line");
        Attr("x1", x1);
        Attr("y1", y1);
        Attr("x2", x2);
        Attr("y2", y2);
        _xml.WriteAttributeString("stroke", stroke);
        Attr("stroke-width", width);
        if (dashed)
            _xml.WriteAttributeString("stroke-dasharray", "5 3");
        _xml.WriteEndElement();
    }

    /// <summary>An open polyline; skipped when it has fewer than two points.</summary>
    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width = 1.5, bool dashed = false, double opacity = 1, string? title = null)
    {
        if (points.Count < 2)
            return;
        var sb = new StringBuilder(points.Count * 14);
        foreach (var (x, y) in points)
            sb.Append(Num(x)).Append(',').Append(Num(y)).Append(' ');
        _xml.WriteStartElement("polyline");
        _xml.WriteAttributeString("points", sb.ToString(0, sb.Length - 1));
        _xml.WriteAttributeString("fill", "none");
        _xml.WriteAttributeString("stroke", stroke);
        Attr("stroke-width", width);
        _xml.WriteAttributeString("stroke-linejoin", "round");
        if (opacity < 1)
            Attr("stroke-opacity", opacity);
        if (dashed)
            _xml.WriteAttributeString("stroke-dasharray", "6 3");
        if (title is not null)
            _xml.WriteElementString("title", Clean(title));
        _xml.WriteEndElement();
    }

    public void Circle(double x, double y, double r, string fill, string? stroke = null, double opacity = 1, string? title = null)
    {
        _xml.WriteStartElement("circle");
        Attr("cx", x);
        Attr("cy", y);
        Attr("r", r);
        _xml.WriteAttributeString("fill", fill);
        if (stroke is not null)
            _xml.WriteAttributeString("stroke", stroke);
        if (opacity < 1)
            Attr("fill-opacity", opacity);
        if (title is not null)
            _xml.WriteElementString("title", Clean(title));
        _xml.WriteEndElement();
    }

    /// <summary>Text; <paramref name="anchor"/> is start, middle or end; <paramref name="rotate"/> in degrees about (x, y).</summary>
    public void Text(double x, double y, string text, string anchor = "start", double size = 11, string fill = "#222", double rotate = 0, bool bold = false)
    {
        _xml.WriteStartElement("text");
        Attr("x", x);
        Attr("y", y);
        _xml.WriteAttributeString("text-anchor", anchor);
        if (size != 11)
            Attr("font-size", size);
        _xml.WriteAttributeString("fill", fill);
        if (bold)
            _xml.WriteAttributeString("font-weight", "bold");
        if (rotate != 0)
            _xml.WriteAttributeString("transform", "rotate(" + Num(rotate) + " " + Num(x) + " " + Num(y) + ")");
        _xml.WriteString(Clean(text));
        _xml.WriteEndElement();
    }

    /// <summary>Finishes the document and returns its markup.</summary>
    public string ToMarkup()
    {
        _xml.WriteEndElement();
        _xml.Flush();
        return _text.ToString();
    }

    public void Dispose() => _xml.Dispose();

    private void Attr(string name, double value) => _xml.WriteAttributeString(name, Num(value));

    /// <summary>Replaces characters XML cannot hold (control characters, lone surrogates) with U+FFFD, so odd names cannot break the chart.</summary>
    internal static string Clean(string text)
    {
        StringBuilder? sb = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                sb?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            bool ok = XmlConvert.IsXmlChar(c);
            if (ok && sb is null)
                continue;
            sb ??= new StringBuilder(text, 0, i, text.Length);
            sb.Append(ok ? c : '\uFFFD');
        }
        return sb?.ToString() ?? text;
    }

    internal static string Num(double v) => double.IsFinite(v) ? Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture) : "0";
}
