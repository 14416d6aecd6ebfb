using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Results;
using DemandMobility.Dispatch.Views;

namespace DemandMobility.Cluster.Grains;

/// <summary>What the control room's feed reads from an area, and the area's learned travel times.</summary>
public partial interface IServiceAreaGrain
{
    /// <summary>The engine's change counter in this activation (cheap; the feed polls it).</summary>
    [Alias("GetChangeMark")]
    Task<AreaChangeMark> GetChangeMarkAsync();

    /// <summary>See <c>DispatchEngine.GetChangesSinceAsync</c>, with the answering activation.</summary>
    [Alias("GetChangesSince")]
    Task<DispatchResult<AreaChanges>> GetChangesSinceAsync(CallerIdentity caller, long position);

    /// <summary>
    /// Several bookings (<c>DispatchEngine.GetBookingAsync</c> each), in the order asked: null for one the engine does
    /// not know; any other refusal is the answer.
    /// </summary>
    [Alias("GetBookings")]
    Task<DispatchResult<IReadOnlyList<BookingView?>>> GetBookingsAsync(CallerIdentity caller, IReadOnlyList<string> bookingIds);

    /// <summary>See <c>DispatchEngine.GetComputedAlertAcknowledgementsAsync</c>.</summary>
    [Alias("GetComputedAlertAcknowledgements")]
    Task<DispatchResult<IReadOnlyList<AlertAcknowledgement>>> GetComputedAlertAcknowledgementsAsync(CallerIdentity caller, DateTimeOffset since);

    /// <summary>
    /// Bookings and rejected quotes in the area's log after <paramref name="afterSequence"/>, at most
    /// <paramref name="maxEvents"/> events (dispatchers only).
    /// </summary>
    [Alias("ReadBookingLog")]
    Task<DispatchResult<BookingLogPage>> ReadBookingLogAsync(CallerIdentity caller, long afterSequence, int maxEvents);

    /// <summary>See <c>DispatchEngine.AcknowledgeComputedAlertAsync</c> (the id is kept as given, area-scoped parts included).</summary>
    [Alias("AcknowledgeComputedAlert")]
    Task<DispatchResult<AlertAcknowledgement>> AcknowledgeComputedAlertAsync(CallerIdentity caller, string alertId, string? note);

    /// <summary>See <c>DispatchEngine.ResetLearnedTravelTimesAsync</c>.</summary>
    [Alias("ResetLearnedTravelTimes")]
    Task<DispatchResult<bool>> ResetLearnedTravelTimesAsync(CallerIdentity caller);
}
