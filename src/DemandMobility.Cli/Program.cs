using System.CommandLine;
using DemandMobility.Cli;

// Each area contributes its verbs from its own file so that the tool grows without one giant switch.
var root = new RootCommand("dm: DemandMobility command-line tool (routing, optimisation, tokens, simulation)");
foreach (var command in RoutingCommands.Create()) root.Subcommands.Add(command);
foreach (var command in SolveCommands.Create()) root.Subcommands.Add(command);
foreach (var command in TokenCommands.Create()) root.Subcommands.Add(command);
foreach (var command in SimulateCommands.Create()) root.Subcommands.Add(command);
foreach (var command in TransitCommands.Create()) root.Subcommands.Add(command);
foreach (var command in StoreCommands.Create()) root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
