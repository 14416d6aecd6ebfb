using System.Collections.Immutable;
using System.Text.Json;

namespace DemandMobility.Simulator.Demand;

/// <summary>
/// The scenario's "demand" section (snake_case JSON, see simulator/README.md "Demand"). Every key is optional;
/// the defaults describe a weekday of a rural Rufbus with 500 requests.
/// </summary>
public sealed record DemandSettings
{
    /// <summary>Options that read a demand section as scenario files write it (snake_case keys, comments and trailing commas allowed).</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>"synthetic" (default) or "csv".</summary>
    public DemandMode Mode { get; init; } = DemandMode.Synthetic;

    /// <summary>Synthetic passenger trips per day, return trips included (0 for a school- or parcel-only day).</summary>
    public int TripsPerDay { get; init; } = 500;

    /// <summary>Share of synthetic trips booked ahead; the rest are immediate (earliest pickup = request time).</summary>
    public double PrebookedShare { get; init; } = 0.3;

    /// <summary>Lead time range [min, max] in minutes of pre-bookings; requests that would fall before the day start at the day start.</summary>
    public IReadOnlyList<int> PrebookLeadMinutes { get; init; } = [60, 1440];

    /// <summary>Share of pre-booked trips given as "arrive by" (latest arrival) instead of "leave at".</summary>
    public double ArriveByShare { get; init; } = 0.3;

    /// <summary>When trips start over the day: a name (<c>rural_weekday</c>, <c>commuter</c>, <c>flat</c>) or <c>[[hour, weight], …]</c>.</summary>
    public TimeProfile TimeProfile { get; init; } = TimeProfile.RuralWeekday;

    /// <summary>
    /// Relative attraction of destination categories: <c>school</c>, <c>station</c>, <c>doctor</c>, <c>pharmacy</c>,
    /// <c>shop</c>, <c>town_hall</c>, <c>leisure</c>, <c>village</c> (another settlement's centre). Missing categories weigh 0.
    /// </summary>
    public IReadOnlyDictionary<string, double> DestinationWeights { get; init; } = DefaultDestinationWeights;

    /// <summary>The default destination weights.</summary>
    public static ImmutableDictionary<string, double> DefaultDestinationWeights { get; } = new Dictionary<string, double>
    {
        ["school"] = 3, ["station"] = 2, ["doctor"] = 2, ["pharmacy"] = 1, ["shop"] = 1, ["town_hall"] = 1, ["leisure"] = 0.5, ["village"] = 0.5,
    }.ToImmutableDictionary();

    /// <summary>Destination attraction falls as exp(−distance / this) (km), so nearby POIs are preferred.</summary>
    public double DistanceDecayKm { get; init; } = 6;

    /// <summary>Share of outbound trips that get a return trip later the same day.</summary>
    public double ReturnShare { get; init; } = 0.5;

    /// <summary>Time at the destination before the return trip, [min, max] minutes.</summary>
    public IReadOnlyList<int> ReturnDwellMinutes { get; init; } = [45, 300];

    /// <summary>Trips shorter than this straight-line distance (metres) are not generated (people walk).</summary>
    public double MinTripMetres { get; init; } = 800;

    /// <summary>Share of synthetic trips needing a wheelchair place.</summary>
    public double WheelchairShare { get; init; } = 0.02;

    /// <summary>Relative shares of party sizes 1, 2, 3, … passengers (default 80 % / 15 % / 5 %).</summary>
    public IReadOnlyList<double> PartySizeShares { get; init; } = [0.80, 0.15, 0.05];

    /// <summary>The demand file, when mode is "csv".</summary>
    public CsvDemandSettings? Csv { get; init; }

    /// <summary>Pupils for the school run, added to the day; null for none.</summary>
    public SchoolDemandSettings? School { get; init; }

    /// <summary>Parcels (KombiBUS), added to the day; null for none.</summary>
    public ParcelDemandSettings? Parcels { get; init; }
}
