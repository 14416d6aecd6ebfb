using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Views;

/// <summary>A parcel with its planned times.</summary>
public sealed record ParcelView(Parcel Parcel, DateTimeOffset? EstimatedPickup, DateTimeOffset? EstimatedDelivery);
