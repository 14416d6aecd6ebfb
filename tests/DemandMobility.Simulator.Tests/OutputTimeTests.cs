using System.Globalization;
using DemandMobility.Simulator.Engine;
using DemandMobility.Simulator.Output;
using DemandMobility.Simulator.Tests.Report;
using DemandMobility.Simulator.Tests.Support;
using Xunit;

namespace DemandMobility.Simulator.Tests;

/// <summary>One time convention in every output: ISO 8601 with the region's offset at that instant.</summary>
public sealed class OutputTimeTests
{
    [Fact]
    public async Task Every_time_in_trips_csv_is_region_time_with_its_offset()
    {
        var scenario = TestScenarios.Small(vehicles: 2, seed: 9);
        var travel = TestRoadNetwork.Travel;
        var result = await Simulation.RunAsync(scenario, travel, TestScenarios.Passengers(scenario, 10, 9, travel));
        string dir = Path.Combine(Path.GetTempPath(), "dm-tz-" + Guid.NewGuid().ToString("N"));
        try
        {
            ResultWriter.Write(result, dir);
            var lines = File.ReadAllLines(Path.Combine(dir, "trips.csv"));
            var header = lines[0].Split(',');
            string[] timeColumns = ["request_time", "requested_pickup", "latest_arrival", "promised_pickup_from", "promised_pickup_until", "pickup_time", "dropoff_time", "alternative_time"];
            var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
            int checkedTimes = 0;
            foreach (string line in lines.Skip(1))
            {
                var cells = line.Split(',');
                foreach (string column in timeColumns)
                {
                    string cell = cells[Array.IndexOf(header, column)];
                    if (cell.Length == 0) continue;
                    var t = DateTimeOffset.ParseExact(cell, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
                    Assert.Equal(zone.GetUtcOffset(t.UtcDateTime), t.Offset);
                    checkedTimes++;
                }
            }
            // Request, pickup and drop-off times of served trips at least: the check saw real rows.
            Assert.True(checkedTimes >= 3 * (int)result.Kpis["served"], $"only {checkedTimes} times checked");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_offset_follows_the_region_across_a_daylight_saving_change()
    {
        var run = ResultFixtures.Empty() with { TimeZone = "Europe/Berlin" };
        // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST (01:00 UTC).
        Assert.Equal("2026-03-29T01:59:00+01:00", OutputTime.Iso(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero), run));
        Assert.Equal("2026-03-29T03:01:00+02:00", OutputTime.Iso(new DateTimeOffset(2026, 3, 29, 1, 1, 0, TimeSpan.Zero), run));
        // Without a zone, the day start's offset.
        Assert.Equal("2026-03-10T08:00:00+01:00", OutputTime.Iso(new DateTimeOffset(2026, 3, 10, 7, 0, 0, TimeSpan.Zero), ResultFixtures.Empty()));
        Assert.Equal("", OutputTime.Iso(null, run));
    }
}
