namespace DemandMobility.Routing.Pbf;

/// <summary>Contents of a PBF file's OSMHeader block.</summary>
/// <param name="MinLatE7">Bounding box south edge in 1e-7 degrees, or null when the file has no bbox.</param>
/// <param name="MinLonE7">Bounding box west edge in 1e-7 degrees.</param>
/// <param name="MaxLatE7">Bounding box north edge in 1e-7 degrees.</param>
/// <param name="MaxLonE7">Bounding box east edge in 1e-7 degrees.</param>
/// <param name="RequiredFeatures">Features a reader must understand (e.g. "OsmSchema-V0.6", "DenseNodes").</param>
/// <param name="OptionalFeatures">Features a reader may use (e.g. "Sort.Type_then_ID").</param>
/// <param name="WritingProgram">The program that wrote the file, if given.</param>
public sealed record PbfHeader(
    int? MinLatE7,
    int? MinLonE7,
    int? MaxLatE7,
    int? MaxLonE7,
    IReadOnlyList<string> RequiredFeatures,
    IReadOnlyList<string> OptionalFeatures,
    string? WritingProgram);
