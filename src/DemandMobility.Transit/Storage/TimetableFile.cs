using DemandMobility.Routing.Storage;
using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Storage;

/// <summary>
/// The versioned binary timetable file (<c>.dmt</c>), kept beside the road graph file and built like it.
/// </summary>
/// <remarks>
/// A <see cref="BinaryContainer"/> with magic <c>"DMTTBL\x1A\x00"</c>; the payload is the feed identity and every
/// array of the timetable in a fixed order (string arrays as UTF-8 end offsets plus bytes). A damaged, truncated,
/// foreign or stale file is reported, never half-loaded.
/// </remarks>
public static class TimetableFile
{
    /// <summary>Current format version; bump when the layout or the meaning of a field changes.</summary>
    /// <remarks>Version 2: XXH64 checksums.</remarks>
    public const uint FormatVersion = 2;

    private static readonly BinaryContainer Container = new("timetable", "DMTTBL\x1A\0"u8, FormatVersion);

    /// <summary>Writes a timetable atomically.</summary>
    public static void Write(string path, Timetable timetable, FeedIdentity source) => Container.WriteAtomically(path, w =>
    {
        w.Long(source.FeedLength); w.Long((long)source.FeedChecksum); w.Strings([source.Settings]);
        var p = timetable.Parts;
        w.Strings([p.FeedName, p.TimeZone]);
        w.Array([p.FirstDay, p.DayCount]);
        w.Strings(p.AgencyIds); w.Strings(p.AgencyNames);
        w.Strings(p.StopIds); w.Strings(p.StopNames); w.Array(p.StopLat); w.Array(p.StopLon); w.Array(p.StopParent);
        w.Array(p.StopLocationType); w.Array(p.StopMinChange);
        w.Strings(p.RouteIds); w.Strings(p.RouteNames); w.Array(p.RouteType); w.Array(p.RouteAgency);
        w.Strings(p.TripIds); w.Strings(p.TripHeadsigns); w.Array(p.TripRoute); w.Array(p.TripService); w.Array(p.TripFirst);
        w.Array(p.StopTimeStop); w.Array(p.StopTimeArrival); w.Array(p.StopTimeDeparture); w.Array(p.StopTimeFlags);
        w.Strings(p.ServiceIds); w.Array(p.ServiceDays);
        w.Array(p.TransferFrom); w.Array(p.TransferTo); w.Array(p.TransferSeconds); w.Array(p.TransferType);
        w.Array(timetable.FootFirst); w.Array(timetable.FootTarget); w.Array(timetable.FootSeconds);
        w.Array(timetable.ConnStopTime); w.Array(timetable.ConnDep); w.Array(timetable.ConnArr); w.Array(timetable.ConnTrip);
    });

    /// <summary>Reads and verifies a timetable file; with <paramref name="expected"/>, a file from another feed is stale.</summary>
    public static TimetableFileReadResult Read(string path, FeedIdentity? expected = null)
    {
        try
        {
            var open = Container.Open(path);
            if (open.Reader is null)
            {
                var status = open.Fault switch
                {
                    ContainerFault.Missing => TimetableFileStatus.Missing,
                    ContainerFault.WrongVersion => TimetableFileStatus.WrongVersion,
                    _ => TimetableFileStatus.Damaged,
                };
                return Fail(status, open.Message);
            }
            using var r = open.Reader;
            var source = new FeedIdentity(r.Long(), (ulong)r.Long(), r.Strings("settings")[0]);
            var labels = r.Strings("labels");
            var days = r.Array<int>("days");
            var parts = new TimetableParts(labels[0], labels[1],
                r.Strings("agency ids"), r.Strings("agency names"),
                r.Strings("stop ids"), r.Strings("stop names"), r.Array<double>("stop latitudes"), r.Array<double>("stop longitudes"),
                r.Array<int>("stop parents"), r.Array<byte>("stop location types"), r.Array<int>("stop minimum change times"),
                r.Strings("route ids"), r.Strings("route names"), r.Array<int>("route types"), r.Array<int>("route agencies"),
                r.Strings("trip ids"), r.Strings("trip headsigns"), r.Array<int>("trip routes"), r.Array<int>("trip services"), r.Array<int>("trip first stop times"),
                r.Array<int>("stop-time stops"), r.Array<int>("stop-time arrivals"), r.Array<int>("stop-time departures"), r.Array<byte>("stop-time flags"),
                r.Strings("service ids"), days[0], days[1], r.Array<byte>("service days"),
                r.Array<int>("transfer origins"), r.Array<int>("transfer targets"), r.Array<int>("transfer seconds"), r.Array<byte>("transfer types"));
            var footFirst = r.Array<int>("footpath offsets"); var footTarget = r.Array<int>("footpath targets"); var footSeconds = r.Array<int>("footpath seconds");
            var connSt = r.Array<int>("connection stop times"); var connDep = r.Array<int>("connection departures");
            var connArr = r.Array<int>("connection arrivals"); var connTrip = r.Array<int>("connection trips");
            if (!r.ChecksumMatches)
                return Fail(TimetableFileStatus.Damaged, r.ChecksumMessage);
            var timetable = new Timetable(parts, footFirst, footTarget, footSeconds, connSt, connDep, connArr, connTrip);
            if (expected is not null && expected != source)
                return new TimetableFileReadResult(TimetableFileStatus.Stale, timetable, source, $"{path}: stale: built from {source}, current feed is {expected}");
            return new TimetableFileReadResult(TimetableFileStatus.Ok, timetable, source, $"{path}: ok");
        }
        catch (IOException e)
        {
            return Fail(TimetableFileStatus.Damaged, e.Message.StartsWith(path, StringComparison.Ordinal) ? e.Message : $"{path}: {e.Message}");
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return Fail(TimetableFileStatus.Damaged, $"{path}: inconsistent content: {e.Message}");
        }
    }

    private static TimetableFileReadResult Fail(TimetableFileStatus status, string message) => new(status, null, null, message);
}
