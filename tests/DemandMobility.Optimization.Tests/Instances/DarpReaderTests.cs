using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using Xunit;

namespace DemandMobility.Optimization.Tests.Instances;

public class DarpReaderTests
{
    private const string Tiny = "1 1 100 3 30\n0 0 0 0 0 0 100\n1 3 4 2 1 0 50\n2 6 8 2 -1 10 60\n3 0 0 0 0 0 100\n";

    private static InstanceFormatException Bad(string text) =>
        Assert.Throws<InstanceFormatException>(() => DarpReader.Parse(new StringReader(text), "bad.txt"));

    private static string ReplaceLine(string text, int line, string replacement)
    {
        var lines = text.Split('\n');
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    [Fact]
    public void Reads_a2_16()
    {
        var inst = DarpReader.Read(BenchmarkData.Darp("a2-16"));
        var p = inst.Problem;
        Assert.Equal("a2-16", inst.Name);
        Assert.Equal(BenchmarkFamily.Darp, inst.Family);
        Assert.Equal(2, p.Vehicles.Length);
        Assert.Equal(16, p.Requests.Length);
        Assert.Equal(34, p.Matrix.Count);
        Assert.All(p.Vehicles, v =>
        {
            Assert.Equal((0, 33), (v.StartLocation, v.EndLocation));
            Assert.Equal(new LoadVector(3), v.Capacity);
            Assert.Equal(480, v.MaxRouteDuration);
            Assert.Equal(new TimeWindow(0, 480), v.Shift);
        });
        Assert.All(p.Requests, r =>
        {
            Assert.True(r.MustServe);
            Assert.Equal(30, r.MaxRideTime);
            Assert.Equal(3, r.PickupServiceTime);
            Assert.Equal(new LoadVector(1), r.Load);
        });
        // First request: node 1 at (-1.198, -5.164), dummy pickup window; drop-off is node 17.
        var first = p.Requests[0];
        Assert.Equal((1, 17), (first.PickupLocation, first.DeliveryLocation));
        Assert.Equal(new TimeWindow(0, 1440), first.PickupWindow);
        Assert.Equal(Math.Sqrt(1.198 * 1.198 + 5.164 * 5.164), p.Matrix.Distance(0, 1), 12);
        Assert.Equal(p.Matrix.Distance(0, 1), p.Matrix.Duration(0, 1), 12);
        // Last request: pickup node 16 with the tight window [366, 381], drop-off node 32 at (-8.819, -4.749).
        var last = p.Requests[15];
        Assert.Equal((16, 32), (last.PickupLocation, last.DeliveryLocation));
        Assert.Equal(new TimeWindow(366, 381), last.PickupWindow);
        Assert.Equal(new TimeWindow(0, 1440), last.DeliveryWindow);
        Assert.Equal(Math.Sqrt(8.819 * 8.819 + 4.749 * 4.749), p.Matrix.Distance(32, 33), 12);
        Assert.Equal((0, 33), (inst.StartDepotNodeId, inst.EndDepotNodeId));
        Assert.Equal(17, inst.DeliveryNodeIds[0]);
        Assert.Equal(ObjectiveWeights.DistanceOnly, p.Weights);
    }

    [Fact]
    public void Reads_b2_16_with_group_loads_and_service_times()
    {
        var p = DarpReader.Read(BenchmarkData.Darp("b2-16")).Problem;
        Assert.Equal(16, p.Requests.Length);
        Assert.All(p.Vehicles, v => Assert.Equal(new LoadVector(6), v.Capacity));
        Assert.All(p.Requests, r =>
        {
            Assert.Equal(45, r.MaxRideTime);
            Assert.Equal(r.Load.Seats, r.PickupServiceTime);
            Assert.Equal(r.Load.Seats, r.DeliveryServiceTime);
        });
        Assert.Equal(new LoadVector(6), p.Requests[0].Load); // node 17 has q = -6
        var last = p.Requests[15]; // node 16: (1.023, 5.440), d 2, q 2, [163, 178]
        Assert.Equal(new LoadVector(2), last.Load);
        Assert.Equal(new TimeWindow(163, 178), last.PickupWindow);
        Assert.Equal(Math.Sqrt(1.023 * 1.023 + 5.44 * 5.44), p.Matrix.Distance(0, 16), 12);
    }

    [Fact]
    public void Every_shared_file_reads_and_tight_window_is_on_the_documented_end()
    {
        foreach (var cls in new[] { "a", "b" })
            foreach (var file in Directory.GetFiles(Path.Combine(BenchmarkData.Root, "darp", cls), "*.txt"))
            {
                var p = DarpReader.Read(file).Problem;
                int n = p.Requests.Length;
                Assert.Equal(2 * n + 2, p.Matrix.Count);
                for (int i = 0; i < n; i++)
                {
                    var tight = i < n / 2 ? p.Requests[i].DeliveryWindow : p.Requests[i].PickupWindow;
                    var dummy = i < n / 2 ? p.Requests[i].PickupWindow : p.Requests[i].DeliveryWindow;
                    Assert.Equal(15, tight.Latest - tight.Earliest, 9);
                    Assert.Equal(new TimeWindow(0, 1440), dummy);
                }
            }
    }

    [Fact]
    public void Edited_2n_layout_without_end_depot_gives_the_same_problem()
    {
        var original = File.ReadAllText(BenchmarkData.Darp("a2-16"));
        var lines = original.TrimEnd('\n').Split('\n');
        lines[0] = "2 32 480 3 30";
        var edited = string.Join('\n', lines[..^1]); // end depot line dropped
        var a = DarpReader.Parse(new StringReader(original), "a2-16.txt").Problem;
        var b = DarpReader.Parse(new StringReader(edited), "a2-16.txt").Problem;
        Assert.Equal(a.Requests.ToArray(), b.Requests.ToArray());
        Assert.Equal(a.Vehicles.ToArray(), b.Vehicles.ToArray());
        Assert.Equal(a.Matrix.Distance(32, 33), b.Matrix.Distance(32, 33));
    }

    [Fact]
    public void Tiny_file_is_read()
    {
        var p = DarpReader.Parse(new StringReader(Tiny), "tiny.txt").Problem;
        var r = Assert.Single(p.Requests);
        Assert.Equal(new TimeWindow(10, 60), r.DeliveryWindow);
        Assert.Equal(5, p.Matrix.Distance(1, 2));
    }

    [Fact]
    public void Non_number_names_file_line_and_field()
    {
        var e = Bad(ReplaceLine(Tiny, 3, "1 3 four 2 1 0 50"));
        Assert.Equal(("bad.txt", 3), (e.File, e.Line));
        Assert.Contains("field 3 (y)", e.Message);
        Assert.StartsWith("bad.txt:3:", e.Message);
    }

    [Fact]
    public void Wrong_node_count_is_reported()
    {
        var e = Bad("1 3 100 3 30\n0 0 0 0 0 0 100\n1 3 4 2 1 0 50\n2 6 8 2 -1 10 60\n3 0 0 0 0 0 100\n");
        Assert.Equal(5, e.Line);
        Assert.Contains("requires 8", e.Message);
    }

    [Fact]
    public void Missing_fields_negative_capacity_and_unmatched_loads_are_reported()
    {
        Assert.Equal(4, Bad(ReplaceLine(Tiny, 4, "2 6 8 2 -1 10")).Line);
        var cap = Bad(ReplaceLine(Tiny, 1, "1 1 100 -3 30"));
        Assert.Equal(1, cap.Line);
        Assert.Contains("Q", cap.Message);
        var load = Bad(ReplaceLine(Tiny, 4, "2 6 8 2 -2 10 60"));
        Assert.Equal(4, load.Line);
        Assert.Contains("drop-off 2", load.Message);
        Assert.Equal(3, Bad(ReplaceLine(Tiny, 3, "1 3 4 2 1 50 0")).Line); // empty window
        Assert.Equal(3, Bad(ReplaceLine(Tiny, 3, "7 3 4 2 1 0 50")).Line); // id out of order
        Assert.Equal(0, Bad("").Line);
        Assert.Equal(0, Assert.Throws<InstanceFormatException>(() => DarpReader.Read("/nonexistent/x.txt")).Line);
    }

    [Fact]
    public void Line_numbers_count_blank_lines()
    {
        var e = Bad("\n" + ReplaceLine(Tiny, 3, "1 3 4 2 x 0 50"));
        Assert.Equal(4, e.Line);
    }
}
