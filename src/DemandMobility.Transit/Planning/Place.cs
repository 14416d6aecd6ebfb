namespace DemandMobility.Transit.Planning;

/// <summary>A place of an itinerary: a name, a position and, for timetable stops, the GTFS stop id.</summary>
public sealed record Place(string Name, double Latitude, double Longitude, string? StopId = null);
