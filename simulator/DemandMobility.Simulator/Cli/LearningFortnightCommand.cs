using System.CommandLine;
using DemandMobility.Routing;
using DemandMobility.Simulator.Reality;
using DemandMobility.Simulator.Scenario;

namespace DemandMobility.Simulator.Cli;

/// <summary>
/// <c>fortnight SCENARIO.json --out DIR [--days 14] [--trips N] [--slow-class tertiary] [--speed-factor 0.8]</c>: the
/// learning experiment of <see cref="LearningFortnight"/>.
/// </summary>
public static class LearningFortnightCommand
{
    /// <summary>The subcommand.</summary>
    public static Command Create()
    {
        var scenarioArg = new Argument<string>("scenario") { Description = "scenario JSON" };
        var outOption = new Option<string>("--out") { Description = "output folder", Required = true };
        var daysOption = new Option<int>("--days") { Description = "days to simulate", DefaultValueFactory = _ => 14 };
        var tripsOption = new Option<int?>("--trips") { Description = "trips per day (default: the scenario's)" };
        var classOption = new Option<string>("--slow-class") { Description = "road class driven slower than the profile", DefaultValueFactory = _ => "tertiary" };
        var factorOption = new Option<double>("--speed-factor") { Description = "true speed ÷ profile speed on that class", DefaultValueFactory = _ => 0.8 };
        var command = new Command("fortnight", "Learning from the fleet: a slow road class, day by day, against a run without bias")
        {
            scenarioArg, outOption, daysOption, tripsOption, classOption, factorOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                var scenario = ScenarioLoader.Load(parse.GetValue(scenarioArg)!);
                if (parse.GetValue(tripsOption) is { } trips) scenario = scenario with { Demand = scenario.Demand with { TripsPerDay = trips } };
                string cls = parse.GetValue(classOption)!;
                if (!RoadClassNames.TryParse(cls, out var roadClass))
                {
                    Console.Error.WriteLine($"--slow-class: unknown road class '{cls}' (one of {string.Join(", ", RoadClassNames.All)})");
                    return 2;
                }
                double factor = parse.GetValue(factorOption);
                int days = parse.GetValue(daysOption);
                if (!(factor is >= 0.1 and <= 10) || days < 1)
                {
                    Console.Error.WriteLine("--speed-factor must be 0.1–10 and --days ≥ 1");
                    return 2;
                }
                var router = RoadRouter.LoadOrBuild(scenario.PbfPath);
                await LearningFortnight.RunAsync(scenario, router, days, roadClass, factor, parse.GetValue(outOption)!, Console.Out, ct);
                return 0;
            }
            catch (ScenarioException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
        });
        return command;
    }
}
