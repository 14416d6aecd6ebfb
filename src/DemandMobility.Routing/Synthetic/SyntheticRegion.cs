using DemandMobility.Routing.Pbf;

namespace DemandMobility.Routing.Synthetic;

/// <summary>
/// Generates a synthetic rural region as a real OSM PBF file, deterministic for a seed: villages with
/// grid-like residential streets (some oneway, some 30 zones), a few towns, hamlets on spur roads,
/// tertiary/unclassified/secondary/primary roads between neighbouring villages, one motorway (two oneway
/// carriageways) with link roads at interchanges, no_left_turn restrictions, <c>place=*</c> nodes and POIs
/// (school, doctors, supermarket, station) with names. Sized by the number of road nodes (nodes referenced
/// by roads); 10k, 100k and 1M are tested sizes, the achieved count is within about ±15 %.
/// </summary>
public static class SyntheticRegion
{
    /// <summary>Writes the region to <paramref name="path"/> (overwritten).</summary>
    /// <param name="path">Output PBF file.</param>
    /// <param name="targetRoadNodes">Approximate number of road nodes (at least 500).</param>
    /// <param name="seed">Random seed; equal seeds give identical files.</param>
    public static SyntheticRegionSummary Write(string path, int targetRoadNodes, int seed)
    {
        if (targetRoadNodes < 500)
            throw new ArgumentOutOfRangeException(nameof(targetRoadNodes), targetRoadNodes, "At least 500 road nodes are needed for a meaningful region.");
        var builder = new SyntheticRegionBuilder(targetRoadNodes, seed);
        builder.Generate();
        using var writer = new PbfWriter(path, writingProgram: "DemandMobility synthetic region");
        return builder.WriteTo(writer);
    }
}
