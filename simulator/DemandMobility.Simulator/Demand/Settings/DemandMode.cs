using System.Text.Json.Serialization;

namespace DemandMobility.Simulator.Demand;

/// <summary>Where the passenger demand of a day comes from (school pupils and parcels are added in either mode).</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<DemandMode>))]
public enum DemandMode
{
    /// <summary>Generated from the OSM extract: settlements weighted by size, destinations by POIs ("synthetic").</summary>
    Synthetic,

    /// <summary>Replayed from a demand file ("csv").</summary>
    Csv,
}
