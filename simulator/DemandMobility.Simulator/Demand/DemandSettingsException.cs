namespace DemandMobility.Simulator.Demand;

/// <summary>The demand section is inconsistent (negative counts, unknown school age group, no school location…); the message names the key.</summary>
public sealed class DemandSettingsException : ArgumentException
{
    /// <summary>Creates the exception listing every problem found.</summary>
    public DemandSettingsException(IReadOnlyList<string> problems)
        : base("demand section: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Each problem, naming its key (e.g. "demand.school.schools[1].bell: \"8h\" is not HH:mm").</summary>
    public IReadOnlyList<string> Problems { get; }
}
