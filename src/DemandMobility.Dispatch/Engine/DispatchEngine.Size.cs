using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Engine;

public sealed partial class DispatchEngine
{
    /// <summary>How many vehicles, open bookings and open offers the engine holds (a count under the reader lock).</summary>
    public Task<EngineSize> MeasureAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(() =>
        {
            int open = 0, offered = 0;
            foreach (var b in _state.Bookings.Values)
            {
                if (b.Status is BookingStatus.Confirmed or BookingStatus.OnBoard) open++;
                else if (b.Status == BookingStatus.Offered) offered++;
            }
            return new EngineSize(_state.Vehicles.Count, open, offered);
        }, cancellationToken);
}
