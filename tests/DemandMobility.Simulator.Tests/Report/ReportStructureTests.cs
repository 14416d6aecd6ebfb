using System.Collections.Immutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DemandMobility.Simulator.Demand;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Report;
using Xunit;

namespace DemandMobility.Simulator.Tests.Report;

/// <summary>What makes report.html useful to a planner: captions, units, reasons, school punctuality, parcels' effect.</summary>
public sealed partial class ReportStructureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [GeneratedRegex("<figure id=\"(?<id>[^\"]+)\">(?<body>.*?)</figure>", RegexOptions.Singleline)]
    private static partial Regex FigurePattern();

    private static Dictionary<string, string> Figures(string html) =>
        FigurePattern().Matches(html).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["body"].Value);

    private static string[] SvgTexts(string figure)
    {
        var svg = XElement.Parse(Regex.Match(figure, "<svg.*?</svg>", RegexOptions.Singleline).Value);
        return [.. svg.Descendants(Svg + "text").Select(t => t.Value)];
    }

    [Fact]
    public void EveryFigure_HasOneHowToReadCaption()
    {
        var html = HtmlReport.Render(WithImpact(ResultFixtures.Sample()));
        var figures = Figures(html);

        Assert.Equal(8, figures.Count);
        Assert.All(figures, f => Assert.Single(Regex.Matches(f.Value, "<figcaption class=\"how\">How to read: [^<]{20,}</figcaption>")));
    }

    [Theory]
    [InlineData("demand-over-day", "(local clock time)", "(count)")]
    [InlineData("fleet-over-day", "(local clock time)", "count (")]
    [InlineData("wait-histogram", "(min", "served trips (count)")]
    [InlineData("ride-histogram", "(min", "served trips (count)")]
    [InlineData("detour-histogram", "(ratio", "served trips (count)")]
    [InlineData("parcel-delay-histogram", "(min", "riders (count)")]
    public void EveryChart_NamesItsAxesWithUnits(string figure, string xUnit, string yUnit)
    {
        var texts = SvgTexts(Figures(HtmlReport.Render(WithImpact(ResultFixtures.Sample())))[figure]);

        Assert.Contains(texts, t => t.Contains(xUnit, StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains(yUnit, StringComparison.Ordinal));
    }

    [Fact]
    public void TheReasonsTable_ListsEveryUnservedTrip_ByOutcomeAndReason()
    {
        var html = HtmlReport.Render(ResultFixtures.Sample());

        // The fixture: r3 and p3 rejected (no_vehicle), r4 a no-show without a recorded reason, of 8 trips.
        Assert.Contains("Outcomes and rejection reasons", html, StringComparison.Ordinal);
        Assert.Matches("<tr><td>rejected</td><td>no_vehicle</td><td>2</td><td>0</td><td>25.0 %</td>", html);
        Assert.Matches("<tr><td>no-show</td><td>unknown</td><td>1</td><td>0</td><td>12.5 %</td>", html);
    }

    [Fact]
    public void TheSchoolSection_ComparesTheLastArrivalWithTheBell_AndGivesEachUnservedPupilsReason()
    {
        var sample = ResultFixtures.Sample();
        var bell = ResultFixtures.Day.AddHours(1);
        var result = sample with
        {
            Trips = [.. sample.Trips.Select(t => t.Kind == TripKind.Pupil ? t with { LatestArrival = bell, MaxRideSeconds = 1800 } : t)],
        };

        var html = HtmlReport.Render(result);

        Assert.Contains("School arrival vs bell", html, StringComparison.Ordinal);
        // Pupils of group gs: p1 dropped off at 00:20:00 (1200 s ride), p2 at 00:13:20, must arrive by 01:00 → 40 min margin.
        Assert.Matches("<tr><td>gs</td><td>3</td><td>2</td><td>01:00:00</td><td>00:20:00</td><td>40.0</td><td>20.0</td><td>0</td><td>0</td></tr>", html);
        Assert.Contains("<b>1 pupil(s) not delivered</b>", html, StringComparison.Ordinal);
        Assert.Matches("<tr><td>p3</td><td>gs</td><td></td><td>rejected</td><td>no_vehicle</td>", html);
        // The bill per route follows.
        Assert.Contains("<th>route (vehicle)</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheParcelSection_AppearsOnlyWithAComparison_AndShowsBothRuns()
    {
        var sample = ResultFixtures.Sample();

        Assert.DoesNotContain("Parcels' effect on the riders", HtmlReport.Render(sample), StringComparison.Ordinal);
        var html = HtmlReport.Render(WithImpact(sample));

        Assert.Contains("Parcels' effect on the riders", html, StringComparison.Ordinal);
        Assert.Contains("<th>with parcels</th><th>without parcels</th><th>difference</th>", html, StringComparison.Ordinal);
        Assert.Contains("Added delay mean 30 s", html, StringComparison.Ordinal);
    }

    /// <summary>The sample with a comparison in which r2 arrived 120 s later with parcels (4 riders served in both runs).</summary>
    private static SimulationResult WithImpact(SimulationResult sample)
    {
        var without = sample with
        {
            Trips = [.. sample.Trips.Where(t => t.Kind != TripKind.Parcel)
                .Select(t => t.TripId == "r2" ? t with { DropoffTime = t.DropoffTime!.Value.AddSeconds(-120), RideSeconds = t.RideSeconds - 120 } : t)],
        };
        var (kpis, rows) = ParcelImpactKpis.Compare(sample, without);
        var impact = new ParcelImpact(kpis, rows, sample.Kpis, 0.5);
        return ParcelImpactRun.Attach(sample, impact);
    }
}
