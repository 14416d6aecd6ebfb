using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DemandMobility.Transit.Flex;

/// <summary>
/// Writes the on-demand service as a GTFS feed with the GTFS-Flex extension (adopted into the GTFS reference in
/// 2024): agency, routes, calendar, trips, feed_info; <c>locations.geojson</c> with the service-area polygon;
/// <c>booking_rules.txt</c>; and one trip whose two <c>stop_times.txt</c> rows (same zone, pickup then
/// drop-off) carry <c>start/end_pickup_drop_off_window</c> instead of times, <c>pickup_type</c> /
/// <c>drop_off_type</c> 2 (arrange with the agency) on the serving side and 1 on the other, booking rule ids and
/// the mean and safe duration factors and offsets. Any GTFS-Flex journey planner can then show the service.
/// </summary>
public static class FlexExporter
{
    /// <summary>Writes the feed into a folder (created); existing files of the same names are replaced.</summary>
    public static void Write(string folder, FlexService s, RideTimeModel times)
    {
        Directory.CreateDirectory(folder);
        var inv = CultureInfo.InvariantCulture;
        void W(string name, string text) => File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(false));
        string Q(string v) => v.Contains(',') || v.Contains('"') ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
        string T(int sec) => $"{sec / 3600:00}:{sec / 60 % 60:00}:{sec % 60:00}";

        W("agency.txt", $"agency_id,agency_name,agency_url,agency_timezone\nodb,{Q(s.AgencyName)},{s.AgencyUrl},{s.TimeZone}\n");
        W("feed_info.txt", $"feed_publisher_name,feed_publisher_url,feed_lang\n{Q(s.AgencyName)},{s.AgencyUrl},de\n");
        W("routes.txt", $"route_id,agency_id,route_short_name,route_type\nodb,odb,{Q(s.ServiceName)},715\n");
        W("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n" +
            $"daily,1,1,1,1,1,1,1,{s.FirstDay:yyyyMMdd},{s.LastDay:yyyyMMdd}\n");
        W("trips.txt", "route_id,service_id,trip_id\nodb,daily,odb-area\n");

        int type = s.PriorNoticeMinutes > 0 ? 1 : 0;
        var rule = new StringBuilder("booking_rule_id,booking_type,prior_notice_duration_min,prior_notice_duration_max,message,phone_number,booking_url\n");
        string message = type == 1 ? $"Book at least {s.PriorNoticeMinutes} min ahead, up to {s.BookingHorizonDays} days." : $"Book now or up to {s.BookingHorizonDays} days ahead.";
        // prior_notice_duration_* are for booking_type 1 only (same-day with notice); type 0 forbids them.
        rule.Append(inv, $"book,{type},{(type == 1 ? s.PriorNoticeMinutes.ToString(inv) : "")},{(type == 1 ? (s.BookingHorizonDays * 1440).ToString(inv) : "")},{Q(message)},{Q(s.Phone ?? "")},{Q(s.BookingUrl ?? "")}\n");
        W("booking_rules.txt", rule.ToString());

        string f(double v) => v.ToString("0.##", inv);
        W("stop_times.txt",
            "trip_id,location_id,stop_sequence,start_pickup_drop_off_window,end_pickup_drop_off_window,pickup_type,drop_off_type," +
            "pickup_booking_rule_id,drop_off_booking_rule_id,mean_duration_factor,mean_duration_offset,safe_duration_factor,safe_duration_offset\n" +
            $"odb-area,area,1,{T(s.ServiceStart)},{T(s.ServiceEnd)},2,1,book,,{f(times.MeanFactor)},{f(times.MeanOffsetMinutes)},{f(times.SafeFactor)},{f(times.SafeOffsetMinutes)}\n" +
            $"odb-area,area,2,{T(s.ServiceStart)},{T(s.ServiceEnd)},1,2,,book,{f(times.MeanFactor)},{f(times.MeanOffsetMinutes)},{f(times.SafeFactor)},{f(times.SafeOffsetMinutes)}\n");

        var ring = s.Area.Ring.Select(p => new[] { p.Longitude, p.Latitude }).ToList();
        if (ring[0][0] != ring[^1][0] || ring[0][1] != ring[^1][1]) ring.Add(ring[0]); // GeoJSON rings are closed
        var geo = new
        {
            type = "FeatureCollection",
            features = new[]
            {
                new
                {
                    type = "Feature",
                    id = "area",
                    properties = new { stop_name = s.ServiceName, stop_desc = "On-demand service area" },
                    geometry = new { type = "Polygon", coordinates = new[] { ring } },
                },
            },
        };
        W("locations.geojson", JsonSerializer.Serialize(geo, new JsonSerializerOptions { WriteIndented = true }));
    }
}
