namespace DemandMobility.Transit.Timetables;

/// <summary>
/// The imported content of a timetable as flat arrays (index = dense id). Stop times are grouped by trip in
/// stop-sequence order; <see cref="TripFirst"/> has one more entry than there are trips. Service days are a
/// bitset of <c>(DayCount + 7) / 8</c> bytes per service, bit d = day <see cref="FirstDay"/> + d.
/// </summary>
internal sealed record TimetableParts(
    string FeedName, string TimeZone,
    string[] AgencyIds, string[] AgencyNames,
    string[] StopIds, string[] StopNames, double[] StopLat, double[] StopLon, int[] StopParent, byte[] StopLocationType, int[] StopMinChange,
    string[] RouteIds, string[] RouteNames, int[] RouteType, int[] RouteAgency,
    string[] TripIds, string[] TripHeadsigns, int[] TripRoute, int[] TripService, int[] TripFirst,
    int[] StopTimeStop, int[] StopTimeArrival, int[] StopTimeDeparture, byte[] StopTimeFlags,
    string[] ServiceIds, int FirstDay, int DayCount, byte[] ServiceDays,
    int[] TransferFrom, int[] TransferTo, int[] TransferSeconds, byte[] TransferType);
