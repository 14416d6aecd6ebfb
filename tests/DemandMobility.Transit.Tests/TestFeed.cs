using System.IO.Compression;
using System.Text;

namespace DemandMobility.Transit.Tests;

/// <summary>A small GTFS feed written to a temporary folder; tests replace or add files before writing.</summary>
internal sealed class TestFeed : IDisposable
{
    public Dictionary<string, string> Files { get; } = new()
    {
        ["agency.txt"] = "agency_id,agency_name,agency_url,agency_timezone\nA,Test Rail,https://example.org,Europe/Berlin\n",
        ["stops.txt"] =
            "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n" +
            "de:09472:1,Station One,50.000,11.600,1,\n" +
            "de:09472:1:1:1,Station One Gleis 1,50.000,11.600,0,de:09472:1\n" +
            "de:09472:2,Two,50.050,11.600,0,\n" +
            "de:09472:3,Three,50.100,11.600,0,\n",
        ["routes.txt"] = "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,A,RB 1,,2\n",
        ["trips.txt"] = "route_id,service_id,trip_id,trip_headsign\nR1,WD,T1,Three\nR1,WD,T2,Three\n",
        ["stop_times.txt"] =
            "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
            "T1,08:00:00,08:00:00,de:09472:1:1:1,1\nT1,08:10:00,08:11:00,de:09472:2,2\nT1,08:20:00,08:20:00,de:09472:3,3\n" +
            "T2,23:50:00,23:50:00,de:09472:1:1:1,1\nT2,24:05:00,24:05:00,de:09472:2,2\nT2,24:20:00,24:20:00,de:09472:3,3\n",
        ["calendar.txt"] = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWD,1,1,1,1,1,0,0,20261207,20261213\n",
    };

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "dm-gtfs-" + Guid.NewGuid().ToString("N"));

    public string Write()
    {
        Directory.CreateDirectory(Folder);
        foreach (var (name, text) in Files) File.WriteAllText(Path.Combine(Folder, name), text, new UTF8Encoding(false));
        return Folder;
    }

    public string WriteZip()
    {
        Directory.CreateDirectory(Folder);
        string zip = Path.Combine(Folder, "feed.zip");
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Create);
        foreach (var (name, text) in Files)
        {
            using var s = archive.CreateEntry(name).Open();
            s.Write(Encoding.UTF8.GetBytes(text));
        }
        return zip;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, true); } catch (IOException) { }
    }
}
