using DemandMobility.Optimization.Instances;
using Xunit;

namespace DemandMobility.Optimization.Tests.Instances;

public class BksTableTests
{
    [Fact]
    public void Reads_darp_table_with_empty_cells_as_missing()
    {
        var table = BksTable.Read(BenchmarkData.DarpBks);
        Assert.Equal(48, table.Entries.Count);
        Assert.Equal(294.2480, table.Find("a2-16")!.Cost);
        Assert.Null(table.Find("a2-16")!.Vehicles);
        Assert.Null(table.Find("b3-24")!.Cost);
        Assert.Equal(12, table.Entries.Values.Count(e => e.Instance.StartsWith('b') && e.Cost is null));
        Assert.Null(table.Find("no-such-instance"));
    }

    [Fact]
    public void Reads_li_lim_table_with_vehicles()
    {
        var table = BksTable.Read(BenchmarkData.LiLimBks);
        Assert.Equal(56, table.Entries.Count);
        var lr101 = table.Find("lr101")!;
        Assert.Equal((19, 1650.7992), (lr101.Vehicles, lr101.Cost));
        Assert.Contains("SINTEF", lr101.Source);
    }

    [Fact]
    public void Malformed_table_names_the_line()
    {
        var e = Assert.Throws<InstanceFormatException>(() =>
            BksTable.Parse(new StringReader("instance,vehicles,distance,source\nlr101,19,1650.8,x\nlr102,abc,1487.57,y\n"), "bks.csv"));
        Assert.Equal(3, e.Line);
        Assert.Contains("vehicles", e.Message);
        var cols = Assert.Throws<InstanceFormatException>(() => BksTable.Parse(new StringReader("set,instance,bks_cost,source\na,a2-16,294\n"), "bks.csv"));
        Assert.Equal(2, cols.Line);
        Assert.Equal(1, Assert.Throws<InstanceFormatException>(() => BksTable.Parse(new StringReader("name,cost\n"), "bks.csv")).Line);
    }
}
