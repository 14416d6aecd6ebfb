namespace DemandMobility.Simulator.Demand;

/// <summary>The "csv" part of the demand section: the file to replay and how to treat bad rows.</summary>
public sealed record CsvDemandSettings
{
    /// <summary>Path of the demand file, relative to the scenario file's directory unless absolute.</summary>
    public string Path { get; init; } = "";

    /// <summary>"skip" (default: bad rows become issues) or "reject" (the first bad row stops the run).</summary>
    public CsvErrorMode OnError { get; init; } = CsvErrorMode.Skip;
}
