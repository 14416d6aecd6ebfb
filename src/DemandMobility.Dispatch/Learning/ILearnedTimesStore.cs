namespace DemandMobility.Dispatch.Learning;

/// <summary>
/// Where learned evidence is kept between runs: a file in the data folder (<see cref="LearnedTimesFileStore"/>, one
/// process) or a table in a service area's PostgreSQL schema (cluster mode, so an area re-activated on another silo
/// plans with what it learned). Both keep the <see cref="LearnedTimesFile"/> format, checksum and graph fingerprint.
/// </summary>
public interface ILearnedTimesStore
{
    /// <summary>Reads the kept evidence into <paramref name="learned"/>; on any problem leaves it untouched and says why.</summary>
    LearnedTimesLoad Load(LearnedTravelTimes learned);

    /// <summary>Keeps the evidence of <paramref name="learned"/>, replacing what was kept (all or nothing).</summary>
    void Save(LearnedTravelTimes learned);
}

/// <summary>The evidence in one file (written to a temporary file and renamed over the old one).</summary>
public sealed class LearnedTimesFileStore(string path) : ILearnedTimesStore
{
    /// <summary>The file.</summary>
    public string Path { get; } = path;

    /// <inheritdoc />
    public LearnedTimesLoad Load(LearnedTravelTimes learned) => LearnedTimesFile.Load(Path, learned);

    /// <inheritdoc />
    public void Save(LearnedTravelTimes learned) => LearnedTimesFile.Save(Path, learned);
}
