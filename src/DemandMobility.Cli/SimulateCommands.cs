using System.CommandLine;
using DemandMobility.Simulator.Cli;

namespace DemandMobility.Cli;

/// <summary>The simulator's verb: <c>dm simulate SCENARIO.json --out DIR</c> (the command lives in the simulator project).</summary>
internal static class SimulateCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return SimulateCommand.Create();
    }
}
