using DemandMobility.Transit.Timetables;

namespace DemandMobility.Transit.Gtfs;

/// <summary>Settings of a GTFS import.</summary>
/// <param name="Footpaths">How footpaths and same-stop change times are derived.</param>
public sealed record GtfsImportOptions(FootpathOptions? Footpaths = null)
{
    /// <summary>Footpath settings in force.</summary>
    public FootpathOptions FootpathsOrDefault => Footpaths ?? new FootpathOptions();
}
