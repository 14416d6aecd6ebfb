using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Storage;

/// <summary>A read timetable file: status, the timetable when intact, its source, and a message naming the file.</summary>
public sealed record TimetableFileReadResult(TimetableFileStatus Status, Timetable? Timetable, FeedIdentity? Source, string Message)
{
    /// <summary>Whether the timetable is intact and current.</summary>
    public bool IsOk => Status == TimetableFileStatus.Ok;
}
