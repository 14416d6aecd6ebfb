using DemandMobility.Dispatch.Domain;
using DemandMobility.Dispatch.Engine;
using DemandMobility.Dispatch.Geo;
using DemandMobility.Dispatch.Learning;
using DemandMobility.Dispatch.Persistence;
using DemandMobility.Dispatch.Results;
using DemandMobility.Routing.Graph;
using Xunit;

namespace DemandMobility.Dispatch.Tests.Learning;

/// <summary>Learning travel times from GPS fixes: convergence, the estimator, persistence across restarts, re-weighting, reset.</summary>
public sealed class LearningTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dm-learning-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static double MedianError(LearnedTravelTimes learned, RoadClass c, double truth, int hour)
    {
        var g = learned.Profile;
        var errors = Enumerable.Range(0, g.EdgeCount).Where(e => g.EdgeRoadClass[e] == (byte)c)
            .Select(e => Math.Abs(learned.Factor(e, hour) / truth - 1)).Order().ToList();
        return errors[errors.Count / 2];
    }

    [Fact]
    public void A_road_class_20_percent_slower_is_learned_within_5_percent_and_the_others_stay_at_the_profile()
    {
        var router = GridWorld.Router();
        var learning = new TravelTimeLearning(router);
        var random = new Random(5);
        var errors = new List<double>();
        for (int round = 0; round < 4; round++)
        {
            GridWorld.Drive(learning, router.Graph, random, 40, c => c == RoadClass.Tertiary ? 1 / 0.8 : 1);
            Assert.True(learning.Learn() > 0);
            errors.Add(MedianError(learning.Learned, RoadClass.Tertiary, 1.25, hour: 9));
        }
        // Converges: the error falls round by round and ends below 5 %; the untouched class stays near 1.
        Assert.True(errors[^1] < 0.05, "errors by round: " + string.Join(", ", errors.Select(e => e.ToString("P1"))));
        Assert.True(errors[^1] < errors[0] || errors[0] < 0.05);
        Assert.True(MedianError(learning.Learned, RoadClass.Residential, 1.0, hour: 9) < 0.05);
        // An hour never driven leans on the class over all hours: the slow class is slow then too.
        Assert.True(learning.Learned.Factor(FirstEdgeOf(router.Graph, RoadClass.Tertiary), 3) > 1.1);
    }

    private static int FirstEdgeOf(RoadGraph g, RoadClass c) => Enumerable.Range(0, g.EdgeCount).First(e => g.EdgeRoadClass[e] == (byte)c);

    [Fact]
    public void Shrinkage_gives_the_prior_without_evidence_and_the_data_with_much()
    {
        Assert.Equal(1.0, default(EdgeTimeSums).Shrink(1, 5));
        var few = new EdgeTimeSums(Observed: 150, Profile: 100, Count: 5);
        Assert.Equal(1.25, few.Shrink(1, 5), 9); // half way between 1 and 1.5
        var many = new EdgeTimeSums(Observed: 15_000, Profile: 10_000, Count: 5000);
        Assert.Equal(1.5, many.Shrink(1, 5), 2);
    }

    [Fact]
    public void Learned_times_survive_a_restart_and_a_damaged_or_foreign_file_is_rejected_without_harm()
    {
        var router = GridWorld.Router();
        string file = Path.Combine(_dir, "learned.dmlt");
        var options = new LearningOptions { FilePath = file };
        var first = new TravelTimeLearning(router, options);
        GridWorld.Drive(first, router.Graph, new Random(2), 30, c => c == RoadClass.Tertiary ? 1.25 : 1);
        first.Learn();
        first.Save();
        int edge = FirstEdgeOf(router.Graph, RoadClass.Tertiary);
        double learned = first.Learned.Factor(edge, 9);
        Assert.True(learned > 1.05);

        var restarted = new TravelTimeLearning(router, options);
        var load = restarted.Load();
        Assert.Equal(LearnedTimesStatus.Loaded, load.Status);
        Assert.Equal(first.Learned.CellCount, load.Cells);
        Assert.Equal(learned, restarted.Learned.Factor(edge, 9), 12);

        // One flipped byte: rejected by the checksum, the running instance keeps what it had.
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(file, bytes);
        var damaged = restarted.Load();
        Assert.Equal(LearnedTimesStatus.Rejected, damaged.Status);
        Assert.Contains("checksum", damaged.Message, StringComparison.Ordinal);
        Assert.Contains(file, damaged.Message, StringComparison.Ordinal);
        Assert.Equal(learned, restarted.Learned.Factor(edge, 9), 12);

        // Evidence of another road graph is meaningless by edge index.
        first.Save();
        var other = new TravelTimeLearning(GridWorld.Router(6), options);
        var foreign = other.Load();
        Assert.Equal(LearnedTimesStatus.Rejected, foreign.Status);
        Assert.Contains("another road graph", foreign.Message, StringComparison.Ordinal);
        Assert.Equal(0, other.Learned.CellCount);
        Assert.Equal(LearnedTimesStatus.Missing, new TravelTimeLearning(router, new LearningOptions { FilePath = Path.Combine(_dir, "none.dmlt") }).Load().Status);
    }

    [Fact]
    public void Reweighting_swaps_a_router_with_the_learned_times_and_the_table_follows()
    {
        var router = GridWorld.Router();
        var learning = new TravelTimeLearning(router);
        var a = new GeoPoint(50.0, 11.5);
        var b = new GeoPoint(50.0, 11.5 + 5 * GridWorld.LonStep); // five tertiary blocks east
        double before = learning.Travel.Table([a], [b]).Duration(0, 0);
        GridWorld.Drive(learning, router.Graph, new Random(3), 120, c => c == RoadClass.Tertiary ? 1.25 : 1, noiseCv: 0);
        learning.Learn();
        int swaps = 0;
        learning.RouterSwapped += () => swaps++;
        var reweighted = learning.Reweight(9);
        Assert.Equal(1, swaps);
        Assert.Same(reweighted, learning.Travel.Router);
        double after = learning.Travel.Table([a], [b]).Duration(0, 0);
        Assert.InRange(after / before, 1.18, 1.30);
        // The learned router never beats the bound the engine prunes with.
        Assert.True(learning.Travel.MaxSpeedMetresPerSecond >= new Travel.RoadRouterTravelTimeService(reweighted).MaxSpeedMetresPerSecond);
    }

    [Fact]
    public async Task The_engine_feeds_position_reports_to_the_learning_and_only_a_dispatcher_may_reset_it()
    {
        var router = GridWorld.Router();
        string file = Path.Combine(_dir, "engine.dmlt");
        var learning = new TravelTimeLearning(router, new LearningOptions { FilePath = file });
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var engine = await DispatchEngine.OpenAsync(new DispatchOptions(), learning.Travel, new InMemoryDispatchStore(), clock, new Random(1));
        engine.UseLearning(learning);
        var control = CallerIdentity.Dispatcher();
        var depot = new GeoPoint(50.0, 11.5);
        Assert.True((await engine.RegisterVehicleAsync(control, new VehicleRegistration("bus", new Optimization.Model.LoadVector(8, 1), depot,
            clock.GetUtcNow(), clock.GetUtcNow().AddHours(8)))).IsSuccess);
        Assert.True((await engine.StartShiftAsync(CallerIdentity.Driver("bus"), "bus")).IsSuccess);
        // Drive east along the tertiary road at 40 km/h (the profile says 50): a fix every 18 s = one block.
        for (int k = 1; k <= 6; k++)
        {
            clock.Advance(TimeSpan.FromSeconds(18));
            var r = await engine.ReportPositionAsync(CallerIdentity.Driver("bus"), "bus", new GeoPoint(50.0, 11.5 + k * GridWorld.LonStep));
            Assert.True(r.IsSuccess, r.Error?.Message);
        }
        Assert.True(learning.Learn() > 0);
        Assert.True(learning.Learned.CellCount > 0);
        learning.Save();

        var refused = await engine.ResetLearnedTravelTimesAsync(CallerIdentity.Driver("bus"));
        Assert.Equal(DispatchErrorCode.PermissionDenied, refused.Error!.Code);
        Assert.True(learning.Learned.CellCount > 0);
        var reset = await engine.ResetLearnedTravelTimesAsync(control);
        Assert.True(reset.IsSuccess);
        Assert.Equal(0, learning.Learned.CellCount);
        Assert.Same(router, learning.Travel.Router);
        // The reset is persisted: a restart finds nothing learned.
        var restarted = new TravelTimeLearning(router, new LearningOptions { FilePath = file });
        Assert.Equal(LearnedTimesStatus.Loaded, restarted.Load().Status);
        Assert.Equal(0, restarted.Learned.CellCount);
    }

    [Fact]
    public async Task The_periodic_loop_learns_reweights_and_saves_while_the_service_answers()
    {
        var router = GridWorld.Router();
        string file = Path.Combine(_dir, "loop.dmlt");
        var learning = new TravelTimeLearning(router, new LearningOptions { FilePath = file, Interval = TimeSpan.FromMilliseconds(50) });
        GridWorld.Drive(learning, router.Graph, new Random(8), 40, c => c == RoadClass.Tertiary ? 1.25 : 1);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var loop = learning.RunAsync(TimeProvider.System, cts.Token);
        var a = new GeoPoint(50.0, 11.5);
        var b = new GeoPoint(50.0 + 3 * GridWorld.LatStep, 11.5 + 5 * GridWorld.LonStep);
        // Quotes keep being answered while the loop swaps routers underneath.
        while (!File.Exists(file) || ReferenceEquals(learning.Travel.Router, router))
        {
            Assert.True(double.IsFinite(learning.Travel.Table([a], [b]).Duration(0, 0)));
            Assert.False(cts.IsCancellationRequested, "the loop never re-weighted and saved");
            await Task.Delay(10);
        }
        cts.Cancel();
        await loop;
        Assert.True(learning.Learned.CellCount > 0);
        var restarted = new TravelTimeLearning(router, new LearningOptions { FilePath = file });
        Assert.Equal(LearnedTimesStatus.Loaded, restarted.Load().Status);
    }

    [Fact]
    public async Task An_engine_on_other_travel_times_refuses_the_learning()
    {
        var router = GridWorld.Router(4);
        var learning = new TravelTimeLearning(router);
        var engine = await DispatchEngine.OpenAsync(new DispatchOptions(), new Travel.RoadRouterTravelTimeService(router), new InMemoryDispatchStore(),
            new ManualTimeProvider(DateTimeOffset.UnixEpoch), new Random(1));
        Assert.Throws<ArgumentException>(() => engine.UseLearning(learning));
        Assert.Equal(DispatchErrorCode.FailedPrecondition, (await engine.ResetLearnedTravelTimesAsync(CallerIdentity.Dispatcher())).Error!.Code);
    }
}
