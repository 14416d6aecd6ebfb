using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Transit.Planning;

/// <summary>A rider's door-to-door request.</summary>
/// <param name="From">Start.</param>
/// <param name="To">Destination.</param>
/// <param name="Time">Leave at (or, with <paramref name="ArriveBy"/>, arrive by) this time.</param>
/// <param name="ArriveBy">Whether <paramref name="Time"/> is the latest arrival.</param>
/// <param name="RiderId">Who asks (the on-demand quotes are made for this rider).</param>
/// <param name="Passengers">Riders travelling together.</param>
public sealed record JourneyRequest(GeoPoint From, GeoPoint To, DateTimeOffset Time, bool ArriveBy = false, string RiderId = "rider", int Passengers = 1);
