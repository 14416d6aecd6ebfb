using System.Text.Json;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Transit.Flex;
using DemandMobility.Transit.Gtfs;

namespace DemandMobility.Transit.Tests;

public class FlexExportTests
{
    private static readonly ServiceArea Area = new([new(49.977, 11.49), new(49.977, 11.6), new(50.04, 11.6), new(50.04, 11.49)]);

    private static List<Dictionary<string, string>> Rows(string folder, string file)
    {
        using var source = GtfsSource.Open(folder);
        using var t = GtfsTable.Require(source, file);
        var header = File.ReadLines(Path.Combine(folder, file)).First().Split(',');
        var rows = new List<Dictionary<string, string>>();
        while (t.Read()) rows.Add(header.ToDictionary(h => h, h => t[t.Column(h)].ToString()));
        return rows;
    }

    [Fact]
    public void Export_has_every_required_flex_field_and_follows_the_rules()
    {
        string dir = Path.Combine(Path.GetTempPath(), "dm-flex-" + Guid.NewGuid().ToString("N"));
        try
        {
            var service = new FlexService("Rufbus, Test", "https://example.org", "Europe/Berlin", "Rufbus", Area, 6 * 3600, 22 * 3600,
                new DateOnly(2026, 12, 1), new DateOnly(2027, 12, 31), PriorNoticeMinutes: 30);
            var rides = Enumerable.Range(1, 40).Select(i => new ObservedRide(300 + 20 * i, 1.3 * (300 + 20 * i) + 60 + i % 5 * 30)).ToList();
            var model = RideTimeModel.Fit(rides, 1.5, TimeSpan.FromMinutes(5));
            FlexExporter.Write(dir, service, model);

            // locations.geojson: a FeatureCollection whose feature has an id and a closed [lon, lat] polygon.
            using var geo = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "locations.geojson")));
            Assert.Equal("FeatureCollection", geo.RootElement.GetProperty("type").GetString());
            var feature = geo.RootElement.GetProperty("features")[0];
            Assert.Equal("Feature", feature.GetProperty("type").GetString());
            string locationId = feature.GetProperty("id").GetString()!;
            Assert.Equal("Polygon", feature.GetProperty("geometry").GetProperty("type").GetString());
            var ring = feature.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList();
            Assert.Equal(ring[0], ring[^1]);
            Assert.All(ring, p => Assert.InRange(p.Item1, 11.4, 11.7)); // longitude first

            var rules = Rows(dir, "booking_rules.txt");
            var rule = Assert.Single(rules);
            Assert.Equal("1", rule["booking_type"]);
            Assert.Equal("30", rule["prior_notice_duration_min"]); // required for booking_type 1

            var st = Rows(dir, "stop_times.txt");
            Assert.Equal(2, st.Count);
            Assert.All(st, r =>
            {
                Assert.Equal(locationId, r["location_id"]);
                Assert.False(r.ContainsKey("arrival_time") && r["arrival_time"].Length > 0); // forbidden with windows
                Assert.Equal("06:00:00", r["start_pickup_drop_off_window"]);
                Assert.Equal("22:00:00", r["end_pickup_drop_off_window"]);
                Assert.DoesNotContain(r["pickup_type"], new[] { "0", "3" });  // forbidden with windows
                Assert.DoesNotContain(r["drop_off_type"], new[] { "0" });
                Assert.True(double.Parse(r["safe_duration_factor"], System.Globalization.CultureInfo.InvariantCulture) >= 1);
                Assert.True(double.Parse(r["safe_duration_offset"], System.Globalization.CultureInfo.InvariantCulture) >= double.Parse(r["mean_duration_offset"], System.Globalization.CultureInfo.InvariantCulture));
            });
            Assert.Equal(("2", "1", "book"), (st[0]["pickup_type"], st[0]["drop_off_type"], st[0]["pickup_booking_rule_id"]));
            Assert.Equal(("1", "2", "book"), (st[1]["pickup_type"], st[1]["drop_off_type"], st[1]["drop_off_booking_rule_id"]));
            Assert.Equal("odb-area", Assert.Single(Rows(dir, "trips.txt"))["trip_id"]);
            Assert.Equal("Rufbus, Test", Assert.Single(Rows(dir, "agency.txt"))["agency_name"]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Safe_estimate_covers_95_percent_of_observed_rides_and_falls_back_to_the_promise_rule()
    {
        var rng = new Random(3);
        var rides = Enumerable.Range(0, 400).Select(_ => { double d = 200 + rng.Next(1500); return new ObservedRide(d, 1.2 * d + rng.Next(600)); }).ToList();
        var m = RideTimeModel.Fit(rides, 1.5, TimeSpan.FromMinutes(5));
        int covered = rides.Count(r => r.RideSeconds <= m.SafeFactor * r.DirectSeconds + m.SafeOffsetMinutes * 60 + 6);
        Assert.True(covered >= 0.95 * rides.Count, $"{covered} of {rides.Count}");
        Assert.InRange(m.MeanFactor, 1.1, 1.3);
        var fallback = RideTimeModel.Fit([], 1.5, TimeSpan.FromMinutes(5));
        Assert.Equal((1.5, 5.0), (fallback.SafeFactor, fallback.SafeOffsetMinutes));
    }
}
