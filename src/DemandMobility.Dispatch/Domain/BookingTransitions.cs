namespace DemandMobility.Dispatch.Domain;

/// <summary>The booking state machine as a table, so that the rule lives in exactly one place.</summary>
public static class BookingTransitions
{
    /// <summary>True when a booking may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool IsAllowed(BookingStatus from, BookingStatus to) => (from, to) switch
    {
        (BookingStatus.Requested, BookingStatus.Offered) => true,
        (BookingStatus.Requested, BookingStatus.Cancelled) => true,
        (BookingStatus.Offered, BookingStatus.Confirmed) => true,
        (BookingStatus.Offered, BookingStatus.Cancelled) => true,
        (BookingStatus.Confirmed, BookingStatus.OnBoard) => true,
        (BookingStatus.Confirmed, BookingStatus.Cancelled) => true,
        (BookingStatus.Confirmed, BookingStatus.NoShow) => true,
        (BookingStatus.Confirmed, BookingStatus.Disrupted) => true,
        (BookingStatus.Confirmed, BookingStatus.Missed) => true,
        (BookingStatus.OnBoard, BookingStatus.Completed) => true,
        (BookingStatus.OnBoard, BookingStatus.Disrupted) => true,
        _ => false,
    };

    /// <summary>True for states a booking never leaves.</summary>
    public static bool IsTerminal(BookingStatus s) =>
        s is BookingStatus.Completed or BookingStatus.Cancelled or BookingStatus.NoShow or BookingStatus.Disrupted or BookingStatus.Missed;
}
