using DemandMobility.Dispatch.Geo;

namespace DemandMobility.Simulator.Demand;

/// <summary>What demand generation needs from the scenario besides its demand section.</summary>
/// <param name="PbfPath">The OSM extract (places, POIs and residential roads are read from it); not read for a CSV-only day.</param>
/// <param name="DayStart">Midnight (local) of the simulated day; "HH:mm" times are relative to it.</param>
/// <param name="Seed">Random seed; the same seed gives the same demand.</param>
/// <param name="BaseDirectory">Directory relative paths (the CSV file) are resolved against, normally the scenario file's.</param>
/// <param name="Area">Service area; when given, generated trips start and end inside it.</param>
public sealed record DemandContext(string PbfPath, DateTimeOffset DayStart, int Seed, string BaseDirectory, ServiceArea? Area);
