using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Routes;
using Xunit;

namespace DemandMobility.Optimization.Tests.Instances;

public class DarpGeneratorTests
{
    private static BenchmarkInstance Read(DarpGeneratorSpec spec) =>
        DarpReader.Parse(new StringReader(DarpGenerator.Generate(spec)), spec.Name);

    [Theory]
    [InlineData('a', 10, 120, 720, 3, 30.0)]
    [InlineData('b', 12, 144, 720, 6, 45.0)]
    public void Writes_a_file_the_reader_takes_with_the_class_parameters(char cls, int k, int n, double duration, int capacity, double maxRide)
    {
        var spec = new DarpGeneratorSpec(cls, k, n, duration, 7);
        var instance = Read(spec);
        var p = instance.Problem;
        Assert.Equal($"gen-{cls}{k}-{n}-s7", instance.Name);
        Assert.Equal(k, p.Vehicles.Length);
        Assert.Equal(n, p.Requests.Length);
        Assert.All(p.Vehicles, v =>
        {
            Assert.Equal(new LoadVector(capacity), v.Capacity);
            Assert.Equal(duration, v.MaxRouteDuration);
            Assert.Equal(new TimeWindow(0, duration), v.Shift);
        });
        for (int i = 0; i < n; i++)
        {
            var r = p.Requests[i];
            Assert.Equal(maxRide, r.MaxRideTime);
            Assert.InRange(r.Load.Seats, 1, cls == 'a' ? 1 : 6);
            Assert.Equal(cls == 'a' ? 3 : r.Load.Seats, r.PickupServiceTime);
            // Outbound requests (first half) are constrained at the drop-off, inbound ones at the pickup.
            var (tight, dummy) = i < n / 2 ? (r.DeliveryWindow, r.PickupWindow) : (r.PickupWindow, r.DeliveryWindow);
            Assert.Equal(15, tight.Latest - tight.Earliest);
            Assert.Equal(new TimeWindow(0, 1440), dummy);
            if (i >= n / 2) Assert.InRange(tight.Earliest, 0, duration - 60);
        }
        for (int a = 1; a <= 2 * n; a++)
            Assert.InRange(p.Matrix.Distance(0, a), 0, Math.Sqrt(200) + 1e-9);
    }

    [Fact]
    public void Every_request_can_be_served_alone()
    {
        foreach (char cls in "ab")
        {
            var instance = Read(new DarpGeneratorSpec(cls, 3, 40, 240, 3));
            var data = new ProblemData(instance.Problem);
            var evaluator = new ScheduleEvaluator(data);
            for (int r = 0; r < data.RequestCount; r++)
                Assert.True(evaluator.Evaluate(0, [data.Pickups[r], data.Deliveries[r]], LoadVector.Zero, out _), $"class {cls}, request {r}");
        }
    }

    [Fact]
    public void The_same_spec_gives_the_same_file_and_another_seed_another()
    {
        var spec = new DarpGeneratorSpec('b', 9, 108, 720, 1);
        Assert.Equal(DarpGenerator.Generate(spec), DarpGenerator.Generate(spec));
        Assert.NotEqual(DarpGenerator.Generate(spec), DarpGenerator.Generate(spec with { Seed = 2 }));
    }

    [Theory]
    [InlineData('c', 2, 10, 300.0, "class")]
    [InlineData('a', 0, 10, 300.0, "vehicles")]
    [InlineData('a', 2, 1, 300.0, "requests")]
    [InlineData('a', 2, 10, 0.0, "route duration")]
    [InlineData('a', 2, 10, 300.5, "route duration")]
    [InlineData('a', 2, 10, 30.0, "too short")]
    public void Bad_specs_are_rejected_naming_the_field(char cls, int k, int n, double duration, string field)
    {
        var e = Assert.Throws<ArgumentException>(() => DarpGenerator.Generate(new DarpGeneratorSpec(cls, k, n, duration, 1)));
        Assert.Contains(field, e.Message);
    }
}
