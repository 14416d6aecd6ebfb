using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using Xunit;

namespace DemandMobility.Optimization.Tests.Instances;

public class LiLimReaderTests
{
    // Depot, one pickup (task 1, demand 10, delivered at 2) and its delivery, CRLF as in the real files.
    private const string Tiny = "25\t200\t1\r\n0\t0\t0\t0\t0\t100\t0\t0\t0\r\n1\t3\t4\t10\t0\t50\t5\t0\t2\r\n2\t6\t8\t-10\t0\t90\t5\t1\t0\r\n";

    private static InstanceFormatException Bad(string text) =>
        Assert.Throws<InstanceFormatException>(() => LiLimReader.Parse(new StringReader(text), "bad.txt"));

    private static string ReplaceLine(string text, int line, string replacement)
    {
        var lines = text.Split("\r\n");
        lines[line - 1] = replacement;
        return string.Join("\r\n", lines);
    }

    private static int RequestWithPickup(BenchmarkInstance inst, int node) => inst.PickupNodeIds.IndexOf(node);

    [Fact]
    public void Reads_lr101_with_pairing_from_p_and_d_fields()
    {
        var inst = LiLimReader.Read(BenchmarkData.LiLim("lr101"));
        var p = inst.Problem;
        Assert.Equal(BenchmarkFamily.LiLim, inst.Family);
        Assert.Equal(25, p.Vehicles.Length);
        Assert.Equal(53, p.Requests.Length);
        Assert.Equal(107, p.Matrix.Count);
        Assert.All(p.Vehicles, v =>
        {
            Assert.Equal(new LoadVector(200), v.Capacity);
            Assert.Equal(new TimeWindow(0, 230), v.Shift);
            Assert.Equal(LiLimReader.VehicleFixedCost, v.FixedCost);
            Assert.Equal((0, 0), (v.StartLocation, v.EndLocation));
        });
        // Task 2: pickup at (35, 17), demand 7, [50, 60], service 10, delivered at task 73.
        var r2 = p.Requests[RequestWithPickup(inst, 2)];
        Assert.Equal(73, r2.DeliveryLocation);
        Assert.Equal(new LoadVector(7), r2.Load);
        Assert.Equal(new TimeWindow(50, 60), r2.PickupWindow);
        Assert.Equal(10, r2.PickupServiceTime);
        Assert.Equal(Math.Sqrt(0 + 18 * 18), p.Matrix.Distance(0, 2), 12);
        // Task 1 is the delivery of pickup 66 ([161, 171]); last task 106 is the delivery of 53.
        var r66 = p.Requests[RequestWithPickup(inst, 66)];
        Assert.Equal(1, r66.DeliveryLocation);
        Assert.Equal(new TimeWindow(161, 171), r66.DeliveryWindow);
        Assert.Equal(new LoadVector(25), r66.Load);
        Assert.Equal(106, p.Requests[RequestWithPickup(inst, 53)].DeliveryLocation);
        Assert.All(p.Requests, r => Assert.True(r.MustServe && double.IsPositiveInfinity(r.MaxRideTime)));
        Assert.Equal(1, p.Weights.Distance);
        Assert.Equal(1, p.Weights.FixedCost);
    }

    [Fact]
    public void Reads_lc101()
    {
        var inst = LiLimReader.Read(BenchmarkData.LiLim("lc101"));
        var p = inst.Problem;
        Assert.Equal(53, p.Requests.Length);
        Assert.All(p.Vehicles, v => Assert.Equal(new TimeWindow(0, 1236), v.Shift));
        var r11 = p.Requests[RequestWithPickup(inst, 11)];
        Assert.Equal(1, r11.DeliveryLocation);
        Assert.Equal(90, r11.DeliveryServiceTime);
        Assert.Equal(new TimeWindow(912, 967), r11.DeliveryWindow);
        Assert.Equal(Math.Sqrt(25 + 18 * 18), p.Matrix.Distance(0, 1), 12); // depot (40,50) to (45,68)
    }

    [Fact]
    public void Every_shared_file_reads_with_every_task_paired_once()
    {
        var files = Directory.GetFiles(Path.Combine(BenchmarkData.Root, "pdptw", "li-lim-100"), "*.txt");
        Assert.Equal(56, files.Length);
        foreach (var file in files)
        {
            var inst = LiLimReader.Read(file);
            var nodes = inst.PickupNodeIds.Concat(inst.DeliveryNodeIds).ToList();
            Assert.Equal(inst.Problem.Matrix.Count - 1, nodes.Count);
            Assert.Equal(nodes.Count, nodes.Distinct().Count());
            Assert.DoesNotContain(0, nodes);
        }
    }

    [Fact]
    public void Tiny_crlf_file_is_read()
    {
        var inst = LiLimReader.Parse(new StringReader(Tiny), "tiny.txt");
        var r = Assert.Single(inst.Problem.Requests);
        Assert.Equal((1, 2), (r.PickupLocation, r.DeliveryLocation));
        Assert.Equal(new TimeWindow(0, 90), r.DeliveryWindow);
    }

    [Fact]
    public void Malformed_files_name_the_line()
    {
        var unpaired = Bad(ReplaceLine(Tiny, 4, "2\t6\t8\t-10\t0\t90\t5\t0\t0"));
        Assert.Equal(3, unpaired.Line); // pickup 1 names 2, which does not name 1 back
        Assert.Contains("unpaired", unpaired.Message);
        var backwards = Bad(ReplaceLine(Tiny, 3, "1\t3\t4\t10\t0\t50\t5\t0\t7"));
        Assert.Equal(3, backwards.Line);
        var sign = Bad(ReplaceLine(Tiny, 4, "2\t6\t8\t10\t0\t90\t5\t1\t0"));
        Assert.Equal(4, sign.Line);
        Assert.Contains("demand", sign.Message);
        var fields = Bad(ReplaceLine(Tiny, 3, "1\t3\t4\t10\t0\t50\t5\t0"));
        Assert.Equal(3, fields.Line);
        Assert.Contains("expected 9 fields", fields.Message);
        var nonInteger = Bad(ReplaceLine(Tiny, 3, "1\t3\t4\t1.5\t0\t50\t5\t0\t2"));
        Assert.Contains("demand", nonInteger.Message);
        Assert.Equal(1, Bad(ReplaceLine(Tiny, 1, "25\t-200\t1")).Line);
        Assert.Equal(1, Bad(ReplaceLine(Tiny, 1, "25\t200")).Line);
        Assert.Equal(2, Bad(ReplaceLine(Tiny, 2, "0\t0\t0\t5\t0\t100\t0\t0\t0")).Line); // depot with demand
    }
}
