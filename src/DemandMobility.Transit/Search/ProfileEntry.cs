namespace DemandMobility.Transit.Search;

/// <summary>One Pareto-optimal option of a profile: leave the origin at <paramref name="Departure"/>, arrive at <paramref name="Arrival"/>.</summary>
public readonly record struct ProfileEntry(int Departure, int Arrival);
