using System.CommandLine;
using DemandMobility.Cli.Transit;

namespace DemandMobility.Cli;

/// <summary>Verbs of the timetable part: <c>transit import</c>, <c>transit plan</c>, <c>transit flex-export</c>.</summary>
internal static class TransitCommands
{
    public static IEnumerable<Command> Create()
    {
        var group = new Command("transit", "Public transport: import GTFS timetables and plan journeys with the on-demand bus");
        group.Subcommands.Add(Import());
        group.Subcommands.Add(Plan());
        group.Subcommands.Add(FlexExport());
        yield return group;
    }

    private static Command Import()
    {
        var feed = new Argument<string>("FEED") { Description = "GTFS feed: a .zip or a folder of .txt files" };
        var output = new Option<string>("--out") { Description = "Timetable file to write (default: beside the feed, .dmt)" };
        var import = new Command("import", "Import a GTFS feed into a timetable file; prints agencies, stops, trips, stop times, service days and time taken. Exit 2 on a malformed feed.");
        import.Arguments.Add(feed);
        import.Options.Add(output);
        import.SetAction(p => TransitVerbs.Import(p.GetValue(feed)!, p.GetValue(output), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        return import;
    }

    private static Command FlexExport()
    {
        var output = new Option<string>("--out") { Description = "Folder to write the GTFS-Flex feed into", Required = true };
        var rides = new Option<string>("--rides") { Description = "CSV with header direct_s,ride_s of observed rides (default: the promise rule)" };
        var notice = new Option<int>("--prior-notice") { Description = "Minimum booking lead time in minutes (0: real-time booking)", DefaultValueFactory = _ => 0 };
        var export = new Command("flex-export", "Describe the embedded region's on-demand service as GTFS-Flex (locations.geojson, booking_rules.txt, windows in stop_times.txt)");
        export.Options.Add(output);
        export.Options.Add(rides);
        export.Options.Add(notice);
        export.SetAction(p => TransitVerbs.FlexExport(p.GetValue(output)!, p.GetValue(rides), p.GetValue(notice), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        return export;
    }

    private static Command Plan()
    {
        var from = new Option<string>("--from") { Description = "Start as LAT,LON", Required = true };
        var to = new Option<string>("--to") { Description = "Destination as LAT,LON", Required = true };
        var at = new Option<string>("--at") { Description = "Local time in the timetable's zone: HH:MM (next occurrence) or YYYY-MM-DDTHH:MM", Required = true };
        var arriveBy = new Option<bool>("--arrive-by") { Description = "--at is the latest arrival instead of the departure" };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of itineraries" };
        var feed = new Option<string>("--feed") { Description = $"GTFS feed (default: {TransitVerbs.DefaultRelativeFeed})" };
        var pbf = new Option<string>("--pbf") { Description = "OSM PBF region (default: the embedded region)" };
        var graph = new Option<string>("--graph") { Description = "Graph file (.dmg); default: beside the PBF" };
        var vehicles = new Option<int>("--vehicles") { Description = "On-demand minibuses on shift (default 6)", DefaultValueFactory = _ => 6 };
        var plan = new Command("plan", "Door-to-door itineraries: walk, on-demand bus (a real quote with the connection guarantee), train and bus");
        foreach (var o in new Option[] { from, to, at, arriveBy, json, feed, pbf, graph, vehicles }) plan.Options.Add(o);
        plan.SetAction((p, ct) => TransitVerbs.PlanAsync(new TransitVerbs.PlanArguments(p.GetValue(from)!, p.GetValue(to)!, p.GetValue(at)!, p.GetValue(arriveBy), p.GetValue(json),
            p.GetValue(feed), p.GetValue(pbf), p.GetValue(graph), p.GetValue(vehicles)), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error, ct));
        return plan;
    }
}
