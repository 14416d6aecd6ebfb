using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Transit.Flex;

/// <summary>
/// The on-demand service as GTFS-Flex describes it: a zone, service hours, and how to book.
/// </summary>
/// <param name="AgencyName">Operator shown to riders.</param>
/// <param name="AgencyUrl">Operator web site.</param>
/// <param name="TimeZone">IANA time zone.</param>
/// <param name="ServiceName">Route name (e.g. "Rufbus Bindlach").</param>
/// <param name="Area">Service-area polygon.</param>
/// <param name="ServiceStart">Daily start of service (seconds after midnight).</param>
/// <param name="ServiceEnd">Daily end of service.</param>
/// <param name="FirstDay">First day of the calendar.</param>
/// <param name="LastDay">Last day of the calendar.</param>
/// <param name="PriorNoticeMinutes">Minimum booking lead time in minutes (booking_type 1, same-day with notice); 0 for real-time booking (type 0).</param>
/// <param name="BookingHorizonDays">How many days ahead trips may be booked.</param>
/// <param name="BookingUrl">Where to book (app or web).</param>
/// <param name="Phone">Phone number for bookings, if any.</param>
public sealed record FlexService(
    string AgencyName, string AgencyUrl, string TimeZone, string ServiceName, ServiceArea Area,
    int ServiceStart, int ServiceEnd, DateOnly FirstDay, DateOnly LastDay,
    int PriorNoticeMinutes = 0, int BookingHorizonDays = 14, string? BookingUrl = null, string? Phone = null);
