using System.CommandLine;

namespace DemandMobility.Cli;

/// <summary>Verbs of the road router: <c>routing build</c>, <c>route</c>, <c>matrix</c>.</summary>
internal static class RoutingCommands
{
    public static IEnumerable<Command> Create() => [];
}
