namespace DemandMobility.Transit.Storage;

/// <summary>Outcome of reading a timetable file.</summary>
public enum TimetableFileStatus
{
    /// <summary>Intact and built from the expected feed.</summary>
    Ok,
    /// <summary>No file at the path.</summary>
    Missing,
    /// <summary>Written by another format version.</summary>
    WrongVersion,
    /// <summary>Truncated, not a timetable file, checksum mismatch or inconsistent.</summary>
    Damaged,
    /// <summary>Intact but built from a different feed or settings.</summary>
    Stale,
}
