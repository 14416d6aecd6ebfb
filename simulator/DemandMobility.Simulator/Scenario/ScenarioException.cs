namespace DemandMobility.Simulator.Scenario;

/// <summary>A scenario file that cannot be used; the message names the file and the key (or line and byte).</summary>
public sealed class ScenarioException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ScenarioException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public ScenarioException(string message, Exception inner) : base(message, inner) { }
}
