using System.Text.RegularExpressions;
using System.Xml.Linq;
using DemandMobility.Simulator.Report;
using Xunit;

namespace DemandMobility.Simulator.Tests.Report;

public sealed class HtmlReportTests
{
    private static readonly string[] Charts = ["unserved-map", "demand-over-day", "fleet-over-day", "wait-histogram", "ride-histogram", "detour-histogram", "map"];

    private static List<XElement> SvgParts(string html)
    {
        var parts = Regex.Matches(html, "<svg.*?</svg>", RegexOptions.Singleline).Select(m => XElement.Parse(m.Value)).ToList();
        Assert.All(parts, p => Assert.Equal("{http://www.w3.org/2000/svg}svg", p.Name.ToString()));
        return parts;
    }

    [Fact]
    public void Report_ContainsEveryChart_AsWellFormedSvg()
    {
        string html = HtmlReport.Render(ResultFixtures.Sample());
        var svgs = SvgParts(html);

        Assert.Equal(Charts.Length, svgs.Count);
        foreach (string id in Charts)
            Assert.Contains($"<figure id=\"{id}\">", html, StringComparison.Ordinal);
        var ns = XNamespace.Get("http://www.w3.org/2000/svg");
        // The demand chart stacks served and rejected bars; the map draws one path per vehicle.
        Assert.Contains(svgs[1].Descendants(ns + "rect"), r => r.Element(ns + "title")?.Value.StartsWith("rejected", StringComparison.Ordinal) == true);
        Assert.Equal(2, svgs[6].Descendants(ns + "polyline").Count());
        // The unserved map bins the rejected rider and pupil by their common origin.
        Assert.Contains(svgs[0].Descendants(ns + "polygon"), p => p.Element(ns + "title")?.Value == "2 not served: no_vehicle 2");
        Assert.Contains("served_share", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void MaliciousScenarioName_IsEscapedEverywhere()
    {
        const string evil = "<script>alert('x')</script>&\"";
        string html = HtmlReport.Render(ResultFixtures.Sample(evil), ResultFixtures.Sample(evil + "2"));

        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Equal(Charts.Length + 2, SvgParts(html).Count);
    }

    [Fact]
    public void ControlCharactersAndLoneSurrogates_InNames_KeepTheSvgWellFormed()
    {
        string html = HtmlReport.Render(ResultFixtures.Sample("bad\u0001name\uD800 ok \uD83D\uDE8C"));
        var svgs = SvgParts(html);

        Assert.Equal(Charts.Length, svgs.Count);
        Assert.Contains("bad\uFFFDname\uFFFD ok \uD83D\uDE8C", svgs[6].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyResult_StillGivesAWellFormedReport()
    {
        string html = HtmlReport.Render(ResultFixtures.Empty());

        // No rider requests: no unserved map.
        Assert.Equal(Charts.Length - 1, SvgParts(html).Count);
        Assert.Contains("no data", html, StringComparison.Ordinal);
        Assert.Contains("No key figures", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Partial result", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PartialResult_ShowsABanner()
    {
        string html = HtmlReport.Render(ResultFixtures.Sample(completed: false));
        Assert.Contains("class=\"banner\">Partial result", html, StringComparison.Ordinal);
        Assert.Contains("2026-03-10 13:30", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_ShowsKpisSideBySide_WithDifferences()
    {
        var a = ResultFixtures.Sample("base");
        var b = ResultFixtures.Sample("more buses") with
        {
            Kpis = a.Kpis.SetItem("served_share", 0.75).SetItem("co2_kg", 12),
        };
        string html = HtmlReport.Render(a, b);

        // Differences read candidate (this run, A) minus baseline (B); shares in percentage points; one decimal.
        Assert.Contains("<th>A (this run)</th><th>B (baseline)</th><th>A − B</th><th>change</th>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"key\">served_share</span></td><td>62.5 %</td><td>75.0 %</td><td>−12.5 pp</td><td>–</td>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"key\">co2_kg</span></td><td>–</td><td>12.0 kg</td><td>–</td>", html, StringComparison.Ordinal);
        Assert.Contains("map-compare", html, StringComparison.Ordinal);
        Assert.Contains("stroke-dasharray", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PupilsInTheResult_AddTheBillingSection_AndIssuesAreListed()
    {
        string html = HtmlReport.Render(ResultFixtures.Sample());
        Assert.Contains("School transport billing", html, StringComparison.Ordinal);
        Assert.Contains("default tariff", html, StringComparison.Ordinal);
        Assert.Contains("kind: unknown kind &quot;bus&quot;", html, StringComparison.Ordinal);

        Assert.DoesNotContain("School transport billing", HtmlReport.Render(ResultFixtures.Empty()), StringComparison.Ordinal);
    }

    [Fact]
    public void Diagnostics_AreListedOnlyWhenThereAreSome()
    {
        Assert.DoesNotContain("Run diagnostics", HtmlReport.Render(ResultFixtures.Sample()), StringComparison.Ordinal);

        string html = HtmlReport.Render(ResultFixtures.Sample() with { Diagnostics = ["ArriveAtStop v1: <refused>"] });
        Assert.Contains("Run diagnostics", html, StringComparison.Ordinal);
        Assert.Contains("<li>ArriveAtStop v1: &lt;refused&gt;</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeAxes_ShowClockTime_WhenTheDayStartsInTheMorning()
    {
        var day = ResultFixtures.Sample();
        var morning = day with
        {
            DayStart = ResultFixtures.Day.AddHours(6),
            DayEnd = ResultFixtures.Day.AddHours(22),
            Trips = [.. day.Trips.Where(t => t.RequestTime >= ResultFixtures.Day.AddHours(6))],
            FleetSamples = [.. day.FleetSamples.Where(f => f.Time >= ResultFixtures.Day.AddHours(6))],
        };
        var ns = XNamespace.Get("http://www.w3.org/2000/svg");
        var demand = SvgParts(HtmlReport.Render(morning))[1];
        var labels = demand.Descendants(ns + "text").Select(t => t.Value).ToList();

        // The fixture's fleet samples run to 23:30, so the axis spans 06:00–24:00 in 3-hour ticks.
        Assert.Equal(["06:00", "09:00", "12:00", "15:00", "18:00", "21:00", "24:00"], labels.Where(l => l.Contains(':')).ToArray());
    }

    [Fact]
    public void Write_CreatesTheFile()
    {
        string path = Path.Combine(Path.GetTempPath(), "dm-report-" + Guid.NewGuid().ToString("N") + ".html");
        try
        {
            HtmlReport.Write(ResultFixtures.Sample(), path);
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
