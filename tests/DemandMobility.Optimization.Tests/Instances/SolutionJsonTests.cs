using System.Globalization;
using System.Text.Json;
using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Tests.Validation;
using Xunit;

namespace DemandMobility.Optimization.Tests.Instances;

public class SolutionJsonTests
{
    /// <summary>Coordinates straight from the file text, so the check does not rely on our reader.</summary>
    private static Dictionary<int, (double X, double Y)> Coordinates(string path) =>
        File.ReadLines(path).Skip(1)
            .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 3)
            .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture),
                f => (double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("darp")]
    [InlineData("pdptw")]
    public void Json_uses_file_node_ids_and_its_cost_is_the_distance_of_those_nodes(string family)
    {
        string path = family == "darp" ? BenchmarkData.Darp("a2-16") : BenchmarkData.LiLim("lr101");
        var inst = family == "darp" ? DarpReader.Read(path) : LiLimReader.Read(path);
        var p = inst.Problem;
        var routes = new[]
        {
            LineProblem.Route(p, 0, 0, (0, StopKind.Pickup), (1, StopKind.Pickup), (0, StopKind.Delivery), (1, StopKind.Delivery)),
            LineProblem.Route(p, 1, 0, (2, StopKind.Pickup), (2, StopKind.Delivery)),
        };
        var solution = new Solution([.. routes], [.. Enumerable.Range(3, p.Requests.Length - 3)], 0);

        using var json = JsonDocument.Parse(SolutionJson.Write(inst, solution));
        var root = json.RootElement;
        Assert.Equal(2, root.GetProperty("vehicles").GetInt32());
        var firstStops = root.GetProperty("routes")[0].GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("node").GetInt32()).ToArray();
        Assert.Equal(new[] { inst.StartDepotNodeId, inst.PickupNodeIds[0], inst.PickupNodeIds[1], inst.DeliveryNodeIds[0], inst.DeliveryNodeIds[1], inst.EndDepotNodeId }, firstStops);
        Assert.Equal(routes[0].Stops[2].ServiceStart, root.GetProperty("routes")[0].GetProperty("stops")[3].GetProperty("start").GetDouble());

        var xy = Coordinates(path);
        double expected = 0;
        foreach (var route in root.GetProperty("routes").EnumerateArray())
        {
            var nodes = route.GetProperty("stops").EnumerateArray().Select(s => s.GetProperty("node").GetInt32()).ToArray();
            for (int i = 1; i < nodes.Length; i++)
            {
                var (ax, ay) = xy[nodes[i - 1]];
                var (bx, by) = xy[nodes[i]];
                expected += Math.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by));
            }
        }
        Assert.Equal(expected, root.GetProperty("cost").GetDouble(), 9);
        Assert.Equal(p.Requests.Length - 3, root.GetProperty("unserved").GetArrayLength());
    }
}
