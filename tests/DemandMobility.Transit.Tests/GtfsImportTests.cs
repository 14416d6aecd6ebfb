using System.Text;
using DemandMobility.Transit.Gtfs;

namespace DemandMobility.Transit.Tests;

public class GtfsImportTests
{
    [Fact]
    public void Imports_counts_parent_stations_dhid_ids_and_times_past_midnight()
    {
        using var feed = new TestFeed();
        var tt = GtfsImporter.Import(feed.Write());
        Assert.Equal(1, tt.AgencyCount);
        Assert.Equal(4, tt.StopCount);
        Assert.Equal(2, tt.TripCount);
        Assert.Equal(6, tt.StopTimeCount);
        Assert.Equal(4, tt.ConnectionCount);
        Assert.Equal("Europe/Berlin", tt.TimeZone);
        int platform = tt.StopIndex("de:09472:1:1:1");
        Assert.Equal(tt.StopIndex("de:09472:1"), tt.StopParent(platform));
        Assert.False(tt.IsBoardable(tt.StopIndex("de:09472:1")));
        int t2 = tt.TripIndex("T2");
        Assert.Equal(24 * 3600 + 20 * 60, tt.StopTimeArrival(tt.TripEnd(t2) - 1));
        Assert.Equal(24 * 3600 + 20 * 60, tt.MaxTime);
    }

    [Fact]
    public void Calendar_weekdays_and_calendar_dates_exceptions()
    {
        using var feed = new TestFeed();
        feed.Files["calendar_dates.txt"] = "service_id,date,exception_type\nWD,20261208,2\nWD,20261212,1\nXMAS,20261225,1\n";
        var tt = GtfsImporter.Import(feed.Write());
        int t1 = tt.TripIndex("T1");
        static int Day(int y, int m, int d) => new DateOnly(y, m, d).DayNumber;
        Assert.True(tt.Runs(t1, Day(2026, 12, 7)));   // Monday
        Assert.False(tt.Runs(t1, Day(2026, 12, 8)));  // removed
        Assert.True(tt.Runs(t1, Day(2026, 12, 12)));  // Saturday, added
        Assert.False(tt.Runs(t1, Day(2026, 12, 13))); // Sunday
        Assert.False(tt.Runs(t1, Day(2026, 12, 14))); // after end_date
        Assert.Equal(new DateOnly(2026, 12, 7), tt.FirstServiceDay);
        Assert.Equal(19, tt.ServiceDayCount);
    }

    [Fact]
    public void Bom_quoted_fields_crlf_unknown_columns_and_files_are_handled()
    {
        using var feed = new TestFeed();
        feed.Files["routes.txt"] = "\uFEFFroute_id,agency_id,route_short_name,route_long_name,route_type,route_color_x\r\n" +
                                   "R1,A,\"RB \"\"1\"\", Hof\",\"two\nlines\",2,FF0000\r\n";
        feed.Files["unknown_extension.txt"] = "garbage\n\"";
        var tt = GtfsImporter.Import(feed.Write());
        Assert.Equal("RB \"1\", Hof", tt.RouteName(0));
        Assert.Equal(2, tt.RouteType(0));
    }

    [Fact]
    public void A_zip_imports_like_the_folder()
    {
        using var feed = new TestFeed();
        var tt = GtfsImporter.Import(feed.WriteZip());
        Assert.Equal(2, tt.TripCount);
    }

    [Fact]
    public void Frequencies_expand_template_trips()
    {
        using var feed = new TestFeed();
        feed.Files["frequencies.txt"] = "trip_id,start_time,end_time,headway_secs,exact_times\nT1,06:00:00,07:00:00,1200,1\n";
        var tt = GtfsImporter.Import(feed.Write());
        Assert.Equal(-1, tt.TripIndex("T1"));
        int copy = tt.TripIndex("T1@06:40:00");
        Assert.True(copy >= 0);
        Assert.Equal(6 * 3600 + 40 * 60 + 20 * 60, tt.StopTimeArrival(tt.TripEnd(copy) - 1));
        Assert.Equal(4, tt.TripCount); // T2 + three copies
    }

    [Fact]
    public void Transfers_set_change_times_and_footpaths_including_station_level_rules()
    {
        using var feed = new TestFeed();
        feed.Files["transfers.txt"] = "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n" +
                                      "de:09472:2,de:09472:2,2,300\nde:09472:1,de:09472:3,2,900\nde:09472:2,de:09472:3,3,\n";
        var tt = GtfsImporter.Import(feed.Write());
        Assert.Equal(300, tt.MinChangeSeconds(tt.StopIndex("de:09472:2")));
        Assert.Equal(120, tt.MinChangeSeconds(tt.StopIndex("de:09472:3")));
        var paths = tt.Footpaths(tt.StopIndex("de:09472:1:1:1")).ToList();
        Assert.Contains((tt.StopIndex("de:09472:3"), 900), paths);
        Assert.DoesNotContain(tt.Footpaths(tt.StopIndex("de:09472:2")), f => f.Target == tt.StopIndex("de:09472:3"));
    }

    [Fact]
    public void Nearby_stops_get_walking_footpaths_both_ways()
    {
        using var feed = new TestFeed();
        feed.Files["stops.txt"] += "near,Near Three,50.1018,11.600,0,\n"; // about 200 m north of Three
        var tt = GtfsImporter.Import(feed.Write());
        int three = tt.StopIndex("de:09472:3"), near = tt.StopIndex("near");
        var (_, seconds) = tt.Footpaths(three).Single(f => f.Target == near);
        Assert.InRange(seconds, 200 * 1.3 / 1.25 - 5, 200 * 1.3 / 1.25 + 5);
        Assert.Contains(tt.Footpaths(near), f => f.Target == three);
    }

    [Fact]
    public void Unsorted_stop_times_are_ordered_and_missing_times_interpolated()
    {
        using var feed = new TestFeed();
        feed.Files["stop_times.txt"] =
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
            "T1,08:20:00,08:20:00,de:09472:3,30\nT2,23:50:00,23:50:00,de:09472:1:1:1,1\nT1,,,de:09472:2,20\n" +
            "T1,08:00:00,08:00:00,de:09472:1:1:1,10\n";
        var tt = GtfsImporter.Import(feed.Write());
        int t1 = tt.TripIndex("T1");
        Assert.Equal(3, tt.TripEnd(t1) - tt.TripStart(t1));
        Assert.Equal(tt.StopIndex("de:09472:2"), tt.StopTimeStop(tt.TripStart(t1) + 1));
        Assert.Equal(8 * 3600 + 600, tt.StopTimeArrival(tt.TripStart(t1) + 1));
    }

    [Theory]
    [InlineData("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,de:09472:2,1\nT1,8:6O:00,08:10:00,de:09472:3,2\n", "stop_times.txt:3: field 'arrival_time'")]
    [InlineData("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,nowhere,1\n", "stop_times.txt:2: field 'stop_id'")]
    [InlineData("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nTX,08:00:00,08:00:00,de:09472:2,1\n", "stop_times.txt:2: field 'trip_id'")]
    [InlineData("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,de:09472:2,1\nT1,07:00:00,07:00:00,de:09472:3,2\n", "stop_times.txt:3: field 'arrival_time'")]
    [InlineData("stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,de:09472:2,1\nT1,08:10:00,08:10:00,de:09472:3,1\n", "stop_times.txt:3: field 'stop_sequence'")]
    [InlineData("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nS,No place,,11.6\n", "stops.txt:2: field 'stop_lat'")]
    [InlineData("stops.txt", "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\nS,Child,50,11,0,MISSING\n", "stops.txt:2: field 'parent_station'")]
    [InlineData("trips.txt", "route_id,service_id,trip_id\nR9,WD,T1\n", "trips.txt:2: field 'route_id'")]
    [InlineData("routes.txt", "route_id,agency_id,route_short_name\nR1,A,RB 1\n", "routes.txt:1: field 'route_type'")]
    [InlineData("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWD,1,1,1,1,1,0,0,2026127,20261213\n", "calendar.txt:2: field 'start_date'")]
    [InlineData("routes.txt", "route_id,agency_id,route_short_name,route_type\n\"R1,A,RB,2\n", "routes.txt:2:")]
    public void Malformed_rows_name_file_line_and_field(string file, string content, string expected)
    {
        using var feed = new TestFeed();
        feed.Files[file] = content;
        var e = Assert.Throws<GtfsFormatException>(() => GtfsImporter.Import(feed.Write()));
        Assert.StartsWith(expected, e.Message);
        Assert.Equal(file, e.File);
    }

    [Fact]
    public void A_missing_required_file_is_named()
    {
        using var feed = new TestFeed();
        feed.Files.Remove("routes.txt");
        var e = Assert.Throws<GtfsFormatException>(() => GtfsImporter.Import(feed.Write()));
        Assert.Equal("routes.txt", e.File);
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void Csv_reader_counts_physical_lines_across_quoted_line_breaks()
    {
        var text = "a,b\n\"x\ny\",1\nlast,2\n";
        using var csv = new CsvRecordReader(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        Assert.True(csv.Read()); Assert.Equal(1, csv.LineNumber);
        Assert.True(csv.Read()); Assert.Equal(2, csv.LineNumber); Assert.Equal("x\ny", csv[0].ToString());
        Assert.True(csv.Read()); Assert.Equal(4, csv.LineNumber); Assert.Equal("2", csv[1].ToString());
        Assert.False(csv.Read());
    }
}
