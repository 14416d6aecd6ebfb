namespace DemandMobility.Transit.Planning;

/// <summary>How a leg of an itinerary is travelled.</summary>
public enum LegMode
{
    /// <summary>On foot.</summary>
    Walk,
    /// <summary>The on-demand bus (a quote of the dispatcher).</summary>
    OnDemand,
    /// <summary>A train (GTFS route types 1, 2, 12 and 100–199, 400–499).</summary>
    Rail,
    /// <summary>A scheduled bus, tram or other public transport.</summary>
    Bus,
}
