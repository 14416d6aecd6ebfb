using DemandMobility.Dispatch.Geo;
using DemandMobility.Simulator.Demand;
using Xunit;

namespace DemandMobility.Simulator.Tests.Demand;

public sealed class CsvDemandTests : IDisposable
{
    private const string Header = "request_time,earliest_pickup,latest_arrival,origin_lat,origin_lon,dest_lat,dest_lon,passengers,wheelchair,kind";
    private const string Good = "07:10,07:15,,50.0183,11.5011,50.0275,11.5686,1,0,passenger";
    private static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(1));

    private readonly string _dir = DemandTestPaths.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteFile(params string[] lines)
    {
        string path = Path.Combine(_dir, "demand.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private DemandSet Read(CsvErrorMode mode, params string[] lines)
    {
        WriteFile(lines);
        var settings = new DemandSettings { Mode = DemandMode.Csv, Csv = new CsvDemandSettings { Path = "demand.csv", OnError = mode } };
        // No OSM extract is needed for a CSV-only day: a path that does not exist proves it is not read.
        return DemandBuilder.Build(settings, new DemandContext(Path.Combine(_dir, "absent.osm.pbf"), Day, 1, _dir, null));
    }

    [Fact]
    public void GoodFile_IsParsedExactly()
    {
        var set = Read(CsvErrorMode.Skip,
            Header + ",parcel_units,deliver_by,group,id,max_ride_minutes",
            "# a comment line",
            "07:10,07:15,,50.0183,11.5011,50.0275,11.5686,2,1,passenger,,,,,",
            "",
            "2026-03-10T06:00:00+01:00,,07:40,50.01,11.55,50.0275,11.5686,1,no,pupil,,,\"school, Harsdorf\",p-1,30",
            "09:00,09:30,,50.02,11.52,49.99,11.51,,,parcel,4,13:30,,parcel-a,");

        Assert.Empty(set.Issues);
        Assert.Equal(3, set.Trips.Length);
        var pupil = set.Trips[0];
        Assert.Equal(new DemandTrip("p-1", Day.AddHours(6), null, Day.AddHours(7).AddMinutes(40), new GeoPoint(50.01, 11.55),
            new GeoPoint(50.0275, 11.5686), 1, 0, TripKind.Pupil, Group: "school, Harsdorf", MaxRideTime: TimeSpan.FromMinutes(30), SourceLine: 5), pupil);
        Assert.Equal(new DemandTrip("csv-00003", Day.AddHours(7).AddMinutes(10), Day.AddHours(7).AddMinutes(15), null,
            new GeoPoint(50.0183, 11.5011), new GeoPoint(50.0275, 11.5686), 2, 1, TripKind.Passenger, SourceLine: 3), set.Trips[1]);
        Assert.Equal(new DemandTrip("parcel-a", Day.AddHours(9), Day.AddHours(9.5), null, new GeoPoint(50.02, 11.52),
            new GeoPoint(49.99, 11.51), 0, 0, TripKind.Parcel, ParcelUnits: 4, DeliverBy: Day.AddHours(13.5), SourceLine: 6), set.Trips[2]);
    }

    [Theory]
    [InlineData("07:10,07:15,,50.0183,11.5011,50.0275,11.5686,1,0,bus", "kind")]
    [InlineData("7h10,07:15,,50.0183,11.5011,50.0275,11.5686,1,0,passenger", "request_time")]
    [InlineData("07:10,07:15,,95.0,11.5011,50.0275,11.5686,1,0,passenger", "origin_lat")]
    [InlineData("07:10,07:15,,50.0183,11.5011,50.0275,abc,1,0,passenger", "dest_lon")]
    [InlineData("07:10,07:15,08:00,50.0183,11.5011,50.0275,11.5686,1,0,passenger", "earliest_pickup")]
    [InlineData("07:10,,,50.0183,11.5011,50.0275,11.5686,1,0,passenger", "earliest_pickup")]
    [InlineData("07:10,07:15,,50.0183,11.5011,50.0275,11.5686,0,0,passenger", "passengers")]
    [InlineData("07:10,07:15,,50.0183,11.5011,50.0275,11.5686,-2,0,passenger", "passengers")]
    [InlineData("07:10,07:15,,50.0183,11.5011,50.0275,11.5686,1.5,0,passenger", "passengers")]
    [InlineData("07:10,07:15,,50.0183,11.5011,50.0275,11.5686,1,maybe,passenger", "wheelchair")]
    [InlineData("07:10,07:00,,50.0183,11.5011,50.0275,11.5686,1,0,passenger", "earliest_pickup")]
    [InlineData("07:10,,07:00,50.0183,11.5011,50.0275,11.5686,1,0,pupil", "latest_arrival")]
    [InlineData("07:10,07:15,,50.0183,11.5011,50.0275,11.5686,1,0", null)]
    public void EachKindOfBadRow_IsReportedWithItsLineAndField(string badRow, string? field)
    {
        var set = Read(CsvErrorMode.Skip, Header, Good, "", badRow, Good);

        Assert.Equal(2, set.Trips.Length);
        var issue = Assert.Single(set.Issues);
        Assert.Equal(4, issue.Line);
        Assert.Equal("demand.csv", issue.Source);
        if (field is not null)
            Assert.StartsWith(field + ":", issue.Message, StringComparison.Ordinal);
        Assert.Contains("skipped", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadParcelRows_NameTheirField()
    {
        var set = Read(CsvErrorMode.Skip, Header + ",parcel_units,deliver_by",
            "09:00,09:30,,50.02,11.52,49.99,11.51,,,parcel,,13:30",
            "09:00,09:30,,50.02,11.52,49.99,11.51,,,parcel,2,",
            "09:00,09:30,,50.02,11.52,49.99,11.51,,,parcel,2,09:00",
            "09:00,09:30,,50.02,11.52,49.99,11.51,1,,parcel,2,13:00");

        Assert.Empty(set.Trips);
        Assert.Equal([2, 3, 4, 5], set.Issues.Select(i => i.Line!.Value));
        Assert.StartsWith("parcel_units:", set.Issues[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("deliver_by:", set.Issues[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("deliver_by:", set.Issues[2].Message, StringComparison.Ordinal);
        Assert.StartsWith("passengers:", set.Issues[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateIds_AreReported()
    {
        var set = Read(CsvErrorMode.Skip, Header + ",id", Good + ",a", Good + ",a");
        Assert.Single(set.Trips);
        Assert.Equal(3, Assert.Single(set.Issues).Line);
    }

    [Fact]
    public void RejectMode_ThrowsNamingFileLineAndField()
    {
        var e = Assert.Throws<DemandFileException>(() => Read(CsvErrorMode.Reject, Header, Good, Good, "07:10,07:15,,50.0183,11.5011,50.0275,11.5686,1,0,tram"));

        Assert.Equal(4, e.Line);
        Assert.Equal("kind", e.Field);
        Assert.EndsWith("demand.csv", e.FilePath, StringComparison.Ordinal);
        Assert.Contains("demand.csv:4: kind:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingHeaderColumn_OrMissingFile_Throws()
    {
        var noKind = Assert.Throws<DemandFileException>(() => Read(CsvErrorMode.Skip, Header.Replace(",kind", ""), Good.Replace(",passenger", "")));
        Assert.Equal("kind", noKind.Field);
        Assert.Equal(1, noKind.Line);

        var settings = new DemandSettings { Mode = DemandMode.Csv, Csv = new CsvDemandSettings { Path = "nope.csv" } };
        var missing = Assert.Throws<DemandFileException>(() => DemandBuilder.Build(settings, new DemandContext("x.pbf", Day, 1, _dir, null)));
        Assert.Contains("nope.csv", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleFile_ParsesWithoutIssues()
    {
        var settings = new DemandSettings { Mode = DemandMode.Csv, TripsPerDay = 0, Csv = new CsvDemandSettings { Path = "sprinti-sample.csv", OnError = CsvErrorMode.Reject } };
        var set = DemandBuilder.Build(settings, new DemandContext(DemandTestPaths.NorthBayreuth, Day, 1, DemandTestPaths.DemandDirectory, null));

        Assert.Empty(set.Issues);
        Assert.InRange(set.Trips.Length, 45, 60);
        Assert.Contains(set.Trips, t => t.LatestArrival is not null);
        Assert.Contains(set.Trips, t => t.WheelchairPlaces > 0);
        Assert.All(set.Trips, t => Assert.InRange(t.Origin.Latitude, 49.96, 50.06));
    }
}
