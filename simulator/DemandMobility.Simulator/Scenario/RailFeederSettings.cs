namespace DemandMobility.Simulator.Scenario;

/// <summary>
/// Section <c>rail_feeders</c>: a share of the passenger demand travels to or from the train, booked with the
/// connection guarantee, and trains run late. A depart-at trip becomes a feeder to the first train its bus can make
/// from the station nearest its origin; an arrive-by trip becomes a ride home from the station nearest its destination
/// after a train's arrival. A seeded share of the day's trains runs late by a uniform delay, announced to the
/// dispatcher before the train leaves its first stop.
/// </summary>
public sealed record RailFeederSettings
{
    /// <summary>Share of passenger trips that feed or leave a train (0–1).</summary>
    public double Share { get; init; } = 0.2;

    /// <summary>The GTFS feed (zip or folder), looked up like <c>region_pbf</c>.</summary>
    public string Feed { get; init; } = "routing-data/transit/illustrative";

    /// <summary>Share of the day's trains that run late (0–1).</summary>
    public double DelayedShare { get; init; } = 0.2;

    /// <summary>Smallest delay of a late train (minutes).</summary>
    public double DelayMinMin { get; init; } = 1;

    /// <summary>Largest delay of a late train (minutes).</summary>
    public double DelayMaxMin { get; init; } = 10;

    /// <summary>Transfer buffer between bus and train (minutes).</summary>
    public double TransferBufferMin { get; init; } = 5;

    /// <summary>How long before the train leaves its first stop the delay becomes known (minutes).</summary>
    public double AnnounceLeadMin { get; init; } = 30;

    /// <summary>Adds an error per invalid value, naming its key.</summary>
    public void Validate(List<string> errors)
    {
        if (!(Share is >= 0 and <= 1)) errors.Add("rail_feeders.share: must be 0–1");
        if (!(DelayedShare is >= 0 and <= 1)) errors.Add("rail_feeders.delayed_share: must be 0–1");
        if (!(DelayMinMin >= 0) || !(DelayMaxMin >= DelayMinMin) || DelayMaxMin > 240)
            errors.Add("rail_feeders.delay_min_min, delay_max_min: need 0 ≤ min ≤ max ≤ 240");
        if (!(TransferBufferMin is >= 0 and <= 60)) errors.Add("rail_feeders.transfer_buffer_min: must be 0–60");
        if (!(AnnounceLeadMin is >= 0 and <= 240)) errors.Add("rail_feeders.announce_lead_min: must be 0–240");
        if (string.IsNullOrWhiteSpace(Feed)) errors.Add("rail_feeders.feed: must name a GTFS zip or folder");
    }
}
