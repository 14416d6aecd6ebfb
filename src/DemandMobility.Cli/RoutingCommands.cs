using System.CommandLine;
using DemandMobility.Cli.Routing;

namespace DemandMobility.Cli;

/// <summary>Verbs of the road router: <c>routing build</c>, <c>routing demo</c>, <c>route</c>, <c>matrix</c>.</summary>
internal static class RoutingCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return CreateRoutingGroup();
        yield return CreateRoute();
        yield return CreateMatrix();
    }

    private static Option<string> PbfOption() => new("--pbf")
    {
        Description = $"OSM PBF region (default: {RegionFiles.DefaultRelativePbf}, found by walking up from the current directory)",
    };

    private static Option<string> GraphOption() => new("--graph")
    {
        Description = "Graph file (.dmg); default: beside the PBF. Built automatically when missing or stale.",
    };

    private static Command CreateRoutingGroup()
    {
        var group = new Command("routing", "Build road graphs and try the router");

        var file = new Argument<string>("FILE.osm.pbf") { Description = "OSM PBF extract to build a graph file from" };
        var outOption = new Option<string>("--out") { Description = "Graph file to write (default: beside the PBF, .dmg)" };
        var build = new Command("build", "Extract the road graph, contract it and write the graph file; prints statistics and timings");
        build.Arguments.Add(file);
        build.Options.Add(outOption);
        build.SetAction(p => RoutingVerbs.Build(p.GetValue(file)!, p.GetValue(outOption), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        group.Subcommands.Add(build);

        var pbf = PbfOption();
        var demo = new Command("demo", "Build the default region's graph if missing, print a sample route and matrix");
        demo.Options.Add(pbf);
        demo.SetAction(p => RoutingVerbs.Demo(p.GetValue(pbf), p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        group.Subcommands.Add(demo);
        return group;
    }

    private static Command CreateRoute()
    {
        var from = new Option<string>("--from") { Description = "Start as LAT,LON (degrees)", Required = true };
        var to = new Option<string>("--to") { Description = "Destination as LAT,LON (degrees)", Required = true };
        var geoJson = new Option<bool>("--geojson") { Description = "Print the route as a GeoJSON Feature (LineString, [lon,lat])" };
        var pbf = PbfOption();
        var graph = GraphOption();
        var route = new Command("route", "Fastest route between two coordinates: duration, distance, encoded polyline (precision 5)");
        route.Options.Add(from);
        route.Options.Add(to);
        route.Options.Add(geoJson);
        route.Options.Add(pbf);
        route.Options.Add(graph);
        route.SetAction(p => RoutingVerbs.Route(p.GetValue(from), p.GetValue(to), p.GetValue(pbf), p.GetValue(graph), p.GetValue(geoJson),
            p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        return route;
    }

    private static Command CreateMatrix()
    {
        var points = new Option<string>("--points") { Description = "Input CSV with header id,lon,lat", Required = true };
        var output = new Option<string>("--out") { Description = "Output CSV of durations in whole seconds, one line per point in input order, no header", Required = true };
        var distances = new Option<string>("--distances") { Description = "Also write distances in whole metres, same layout" };
        var pbf = PbfOption();
        var graph = GraphOption();
        var matrix = new Command("matrix", "Travel-time matrix between all points of a CSV; unroutable cells are left empty and reported on stderr");
        matrix.Options.Add(points);
        matrix.Options.Add(output);
        matrix.Options.Add(distances);
        matrix.Options.Add(pbf);
        matrix.Options.Add(graph);
        matrix.SetAction(p => RoutingVerbs.Matrix(p.GetValue(points), p.GetValue(output), p.GetValue(distances), p.GetValue(pbf), p.GetValue(graph),
            p.InvocationConfiguration.Output, p.InvocationConfiguration.Error));
        return matrix;
    }
}
