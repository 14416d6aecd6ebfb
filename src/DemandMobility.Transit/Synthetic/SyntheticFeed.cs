using System.Globalization;
using System.Text;
using DemandMobility.Transit.Gtfs;

namespace DemandMobility.Transit.Synthetic;

/// <summary>What a synthetic feed contains.</summary>
public sealed record SyntheticFeedSummary(int Stops, int Routes, int Trips, long StopTimes, long Bytes);

/// <summary>
/// Writes a seeded synthetic GTFS feed of a chosen size shaped like a national one (Germany's DELFI feed:
/// ~500,000 stops, ~1.5 million trips, ~30 million stop times): stops on a jittered grid over Germany with
/// DHID-style ids and parent stations, routes as walks over neighbouring stops, trips all day with some past
/// midnight, weekday/weekend calendars with calendar_dates exceptions, transfers, quoted names and a BOM, so
/// the importer's streaming path and its quirks are exercised at scale. Rows are written as they are made.
/// </summary>
public static class SyntheticFeed
{
    /// <summary>Writes the feed into <paramref name="folder"/> (created) with about <paramref name="stopTimes"/> stop times.</summary>
    public static SyntheticFeedSummary Write(string folder, long stopTimes, int seed = 1)
    {
        Directory.CreateDirectory(folder);
        var rng = new Random(seed);
        // Proportions of the national feed: ~60 stop times per stop, ~20 per trip, ~40 trips per route.
        int stops = (int)Math.Max(20, stopTimes / 60);
        int stopsPerTrip = 20;
        int trips = (int)Math.Max(1, stopTimes / stopsPerTrip);
        int routes = Math.Max(1, trips / 40);
        var utf8 = new UTF8Encoding(true);
        long bytes = 0;
        StreamWriter Open(string name) => new(Path.Combine(folder, name), false, utf8, 1 << 16) { NewLine = "\n" };

        using (var w = Open("agency.txt"))
        {
            w.WriteLine("agency_id,agency_name,agency_url,agency_timezone,agency_lang");
            for (int a = 0; a < 20; a++) w.WriteLine($"A{a},\"Synthetic Verkehr {a}, GmbH\",https://example.org/{a},Europe/Berlin,de");
        }
        using (var w = Open("feed_info.txt"))
        {
            w.WriteLine("feed_publisher_name,feed_publisher_url,feed_lang");
            w.WriteLine("Synthetic national-size feed (generated),https://example.org,de");
        }

        // Stops on a grid over Germany; every tenth stop gets a station with two platforms' worth of parent.
        int side = (int)Math.Ceiling(Math.Sqrt(stops));
        double lat0 = 47.4, lat1 = 54.9, lon0 = 6.0, lon1 = 14.9;
        var lat = new double[stops];
        var lon = new double[stops];
        using (var w = Open("stops.txt"))
        {
            w.WriteLine("stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station,platform_code");
            for (int s = 0; s < stops; s++)
            {
                int gx = s % side, gy = s / side;
                lat[s] = lat0 + (lat1 - lat0) * (gy + rng.NextDouble() * 0.3) / side;
                lon[s] = lon0 + (lon1 - lon0) * (gx + rng.NextDouble() * 0.3) / side;
                string parent = "";
                if (s % 10 == 0)
                {
                    parent = $"de:{Ags(s)}:{s}";
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{parent},\"Bahnhof {s}, Mitte\",{lat[s]:F6},{lon[s]:F6},1,,"));
                    // A second platform 80 m away: stations get footpaths between their platforms.
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{parent}:2:1,Halt {s} Gleis 2,{lat[s] + 0.0007:F6},{lon[s]:F6},0,{parent},2"));
                }
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{StopId(s)},Halt {s},{lat[s]:F6},{lon[s]:F6},0,{parent},{(parent.Length > 0 ? "1" : "")}"));
            }
            bytes += w.BaseStream.Length;
        }
        using (var w = Open("routes.txt"))
        {
            w.WriteLine("route_id,agency_id,route_short_name,route_long_name,route_type");
            for (int r = 0; r < routes; r++) w.WriteLine($"R{r},A{r % 20},{(r % 7 == 0 ? "RB" : "Bus")} {r},,{(r % 7 == 0 ? 2 : 3)}");
        }
        using (var w = Open("calendar.txt"))
        {
            w.WriteLine("service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date");
            w.WriteLine("WD,1,1,1,1,1,0,0,20261214,20270612");
            w.WriteLine("WE,0,0,0,0,0,1,1,20261214,20270612");
            w.WriteLine("DAILY,1,1,1,1,1,1,1,20261214,20270612");
        }
        using (var w = Open("calendar_dates.txt"))
        {
            w.WriteLine("service_id,date,exception_type");
            w.WriteLine("WD,20261225,2\nWE,20261225,1\nWD,20270101,2\nWE,20270101,1\nWD,20270405,2\nWE,20270405,1");
        }
        using (var w = Open("transfers.txt"))
        {
            w.WriteLine("from_stop_id,to_stop_id,transfer_type,min_transfer_time");
            for (int s = 0; s < stops; s += 10) w.WriteLine($"{StopId(s)},{StopId(s)},2,{120 + s % 5 * 60}");
        }

        long written = 0;
        int tripId = 0;
        using (var wt = Open("trips.txt"))
        using (var ws = Open("stop_times.txt"))
        {
            wt.WriteLine("route_id,service_id,trip_id,trip_headsign,direction_id");
            ws.WriteLine("trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type");
            var path = new int[stopsPerTrip];
            var sb = new StringBuilder(128);
            for (int r = 0; r < routes && written < stopTimes; r++)
            {
                // A walk over grid neighbours from a random start.
                int s0 = rng.Next(stops);
                path[0] = s0;
                for (int i = 1; i < stopsPerTrip; i++)
                {
                    int p = path[i - 1], gx = p % side, gy = p / side;
                    int dir = rng.Next(4);
                    gx = Math.Clamp(gx + (dir == 0 ? 1 : dir == 1 ? -1 : 0), 0, side - 1);
                    gy = Math.Clamp(gy + (dir == 2 ? 1 : dir == 3 ? -1 : 0), 0, side - 1);
                    int next = gy * side + gx;
                    path[i] = next < stops ? next : p;
                }
                int hop = 90 + rng.Next(240);
                for (int k = 0; k < 40 && written < stopTimes; k++, tripId++)
                {
                    bool back = (k & 1) == 1;
                    string service = (k % 3) switch { 0 => "WD", 1 => "WE", _ => "DAILY" };
                    wt.WriteLine($"R{r},{service},t{tripId},\"Halt {path[back ? 0 : stopsPerTrip - 1]}, Ende\",{(back ? 1 : 0)}");
                    // Departures spread from 04:30 to 25:30 (past midnight on the service day).
                    int t = 16200 + (k / 2) * 3780 + rng.Next(600);
                    for (int i = 0; i < stopsPerTrip; i++)
                    {
                        int s = path[back ? stopsPerTrip - 1 - i : i];
                        int dwell = i == 0 || i == stopsPerTrip - 1 ? 0 : 30;
                        sb.Clear();
                        sb.Append('t').Append(tripId).Append(',');
                        Time(sb, t).Append(',');
                        Time(sb, t + dwell).Append(',');
                        sb.Append(StopId(s)).Append(',').Append(i + 1).Append(i == 0 ? ",0,1" : i == stopsPerTrip - 1 ? ",1,0" : ",0,0");
                        ws.WriteLine(sb);
                        t += dwell + hop;
                        written++;
                    }
                }
            }
            bytes += ws.BaseStream.Length;
        }
        return new SyntheticFeedSummary(stops, routes, tripId, written, bytes);
    }

    private static string Ags(int s) => (9_000 + s % 400).ToString("00000", CultureInfo.InvariantCulture);

    private static string StopId(int s) => $"de:{Ags(s)}:{s}:1:{s % 3 + 1}";

    private static StringBuilder Time(StringBuilder sb, int t) =>
        sb.Append((t / 3600).ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append((t / 60 % 60).ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append((t % 60).ToString("00", CultureInfo.InvariantCulture));
}
