using System.Text.Json.Serialization;

namespace DemandMobility.Simulator.Demand;

/// <summary>What to do with a bad row of a demand file. Either way, nothing is dropped silently.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<CsvErrorMode>))]
public enum CsvErrorMode
{
    /// <summary>Skip the row and report it as a <see cref="DemandIssue"/> ("skip").</summary>
    Skip,

    /// <summary>Stop at the first bad row with a <see cref="DemandFileException"/> ("reject").</summary>
    Reject,
}
