namespace DemandMobility.Cluster.Grains;

/// <summary>
/// One area's load as its grain measures it (<see cref="IServiceAreaGrain.ReportLoadAsync"/>): smoothed CPU time and
/// calls per minute (<see cref="Balancing.AreaLoadMeter"/>), and what it holds.
/// </summary>
/// <param name="AreaId">The area.</param>
/// <param name="Silo">The silo hosting it.</param>
/// <param name="BusyMsPerMinute">Milliseconds of CPU per minute the area's engine spends in its calls and rounds
/// (per-thread CPU, <see cref="Dispatch.Engine.DispatchEngine.Cpu"/>: waiting for PostgreSQL or for a core counts nothing).</param>
/// <param name="CallsPerMinute">Calls (quotes, bookings, fixes, rounds …) per minute.</param>
/// <param name="Vehicles">Registered vehicles.</param>
/// <param name="OpenBookings">Bookings confirmed or on board.</param>
/// <param name="OpenOffers">Offers awaiting confirmation.</param>
[GenerateSerializer, Immutable, Alias("DemandMobility.Cluster.AreaLoad")]
public sealed record AreaLoad(
    [property: Id(0)] string AreaId,
    [property: Id(1)] string Silo,
    [property: Id(2)] double BusyMsPerMinute,
    [property: Id(3)] double CallsPerMinute,
    [property: Id(4)] int Vehicles,
    [property: Id(5)] int OpenBookings,
    [property: Id(6)] int OpenOffers)
{
    /// <summary>The weight the balancing plan uses: busy milliseconds per minute plus the base load of any area.</summary>
    public long Weight(int baseLoad) => (long)Math.Round(BusyMsPerMinute) + baseLoad;
}
