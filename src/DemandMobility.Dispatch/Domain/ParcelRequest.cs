namespace DemandMobility.Dispatch.Domain;

/// <summary>A shop's request to carry a parcel (KombiBUS) from a shop or producer to a pickup station.</summary>
/// <param name="From">Where the parcel is collected.</param>
/// <param name="To">Where it is handed over.</param>
/// <param name="Units">Size in parcel units (at least 1).</param>
/// <param name="ReadyAt">Earliest collection time.</param>
/// <param name="DeliverBy">End of the delivery window.</param>
public sealed record ParcelRequest(PlaceRef From, PlaceRef To, int Units, DateTimeOffset ReadyAt, DateTimeOffset DeliverBy);
