namespace DemandMobility.Transit.Search;

/// <summary>
/// An access or egress leg given to a search: reach (or leave) <paramref name="Stop"/> in <paramref name="Seconds"/>
/// from the origin (to the destination). Computed before the search (walking, or an on-demand ride); the search
/// never routes on roads itself.
/// </summary>
/// <param name="Stop">Timetable stop index.</param>
/// <param name="Seconds">Duration of the leg.</param>
public readonly record struct StopAccess(int Stop, int Seconds);
