using System.CommandLine;
using DemandMobility.Simulator.Cli;

// The simulator's own entry point; `dm simulate` hosts the same command.
var simulate = SimulateCommand.Create();
var root = new RootCommand("DemandMobility simulator: dotnet run --project simulator/DemandMobility.Simulator -- SCENARIO.json --out DIR");
foreach (var a in simulate.Arguments) root.Arguments.Add(a);
foreach (var o in simulate.Options) root.Options.Add(o);
root.Action = simulate.Action;
root.Subcommands.Add(LearningFortnightCommand.Create());
return await root.Parse(args).InvokeAsync();
