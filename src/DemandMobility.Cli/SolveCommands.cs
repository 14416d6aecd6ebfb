using System.CommandLine;

namespace DemandMobility.Cli;

/// <summary>Verbs of the route optimiser: <c>solve darp|pdptw</c>, <c>bench darp|pdptw</c>.</summary>
internal static class SolveCommands
{
    public static IEnumerable<Command> Create() => [];
}
