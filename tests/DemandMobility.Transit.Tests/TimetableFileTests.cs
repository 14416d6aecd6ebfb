using DemandMobility.Transit.Storage;

namespace DemandMobility.Transit.Tests;

public class TimetableFileTests
{
    [Fact]
    public void Store_imports_once_then_loads_and_reimports_when_the_feed_changes()
    {
        using var feed = new TestFeed();
        string folder = feed.Write();
        string file = Path.Combine(feed.Folder, "out", "feed.dmt");
        var first = TimetableStore.LoadOrImport(folder, file);
        Assert.Equal(TimetableLoadSource.ImportedMissingFile, first.Source);
        var second = TimetableStore.LoadOrImport(folder, file);
        Assert.Equal(TimetableLoadSource.LoadedFromFile, second.Source);
        Assert.Equal(first.Timetable.ConnectionCount, second.Timetable.ConnectionCount);
        Assert.Equal(first.Timetable.StopId(2), second.Timetable.StopId(2));
        Assert.True(second.Timetable.Runs(0, new DateOnly(2026, 12, 7).DayNumber));

        File.AppendAllText(Path.Combine(folder, "trips.txt"), "R1,WD,T3,Three\n");
        File.AppendAllText(Path.Combine(folder, "stop_times.txt"), "T3,09:00:00,09:00:00,de:09472:2,1\nT3,09:10:00,09:10:00,de:09472:3,2\n");
        var third = TimetableStore.LoadOrImport(folder, file);
        Assert.Equal(TimetableLoadSource.ReimportedBadFile, third.Source);
        Assert.Contains("stale", third.Message);
        Assert.Equal(3, third.Timetable.TripCount);
    }

    [Fact]
    public void Damaged_and_truncated_files_are_reported_not_loaded()
    {
        using var feed = new TestFeed();
        string folder = feed.Write();
        string file = Path.Combine(feed.Folder, "feed.dmt");
        TimetableStore.LoadOrImport(folder, file);
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(file, bytes);
        var damaged = TimetableFile.Read(file);
        Assert.Equal(TimetableFileStatus.Damaged, damaged.Status);
        Assert.Null(damaged.Timetable);
        File.WriteAllBytes(file, bytes[..(bytes.Length - 7)]);
        Assert.Equal(TimetableFileStatus.Damaged, TimetableFile.Read(file).Status);
        Assert.Equal(TimetableFileStatus.Missing, TimetableFile.Read(file + ".none").Status);
    }

    [Fact]
    public void A_bad_feed_writes_no_file()
    {
        using var feed = new TestFeed();
        feed.Files["trips.txt"] = "route_id,service_id,trip_id\nR404,WD,T1\n";
        string folder = feed.Write();
        string file = Path.Combine(feed.Folder, "feed.dmt");
        Assert.Throws<Gtfs.GtfsFormatException>(() => TimetableStore.LoadOrImport(folder, file));
        Assert.False(File.Exists(file));
    }
}
