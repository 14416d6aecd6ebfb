using DemandMobility.Optimization.Instances;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Routes;
using DemandMobility.Optimization.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DemandMobility.Optimization.Tests.Routes;

/// <summary>
/// <see cref="ScheduleEvaluator"/>'s early exits (a duration or settled ride time that steps 6-7 cannot repair, forward
/// passes that stop where nothing moves) against the plain eight-step scheme: same verdict, and on feasible sequences
/// the same schedule and metrics bit for bit.
/// </summary>
public class ScheduleEvaluatorPropertyTests
{
    [Fact]
    public void Agrees_with_the_plain_eight_step_scheme_on_random_instances()
    {
        var seen = new Outcomes();
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var data = new ProblemData(RandomInstances.Create(seed, maxRequests: 8, maxVehicles: 2));
            return Agrees(data, new Random(seed), seen);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(600), prop);
        seen.AssertBothVerdictsAfterRepair();
    }

    [Fact]
    public void Agrees_with_the_plain_eight_step_scheme_on_generated_darp_instances()
    {
        var seen = new Outcomes();
        var prop = Prop.ForAll(Arb.From(Gen.Choose(1, 1_000_000)), seed =>
        {
            var spec = new DarpGeneratorSpec(seed % 2 == 0 ? 'a' : 'b', 2, 10, 300, seed);
            var instance = DarpReader.Parse(new StringReader(DarpGenerator.Generate(spec)), spec.Name);
            return Agrees(new ProblemData(instance.Problem), new Random(seed), seen);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(600), prop);
        seen.AssertBothVerdictsAfterRepair();
    }

    private static bool Agrees(ProblemData data, Random rng, Outcomes seen)
    {
        var evaluator = new ScheduleEvaluator(data);
        var stops = TimeOrderedSequence(data, rng);
        bool feasible = evaluator.Evaluate(0, stops, LoadVector.Zero, out var metrics);
        var expected = EightStepReference.Evaluate(data, 0, stops);
        seen.Record(expected, stops, data);
        if (feasible != expected.Feasible) return false;
        if (!feasible) return true;
        for (int i = 0; i < stops.Length + 2; i++)
            if (evaluator.ServiceStart[i] != expected.ServiceStart[i] || evaluator.Departure[i] != expected.Departure[i]) return false;
        return metrics.RideTime == expected.RideTime && metrics.Waiting == expected.Waiting && metrics.Distance == expected.Distance;
    }

    /// <summary>
    /// A random subset of requests with the stops sorted by a noisy time key (pickup around its window or the drop-off
    /// window minus the direct ride, drop-off after it): unlike a uniform order, most such sequences meet their windows,
    /// so the ride-time repair of steps 6-7 runs and sometimes fails.
    /// </summary>
    private static StopNode[] TimeOrderedSequence(ProblemData data, Random rng)
    {
        var keyed = new List<(double Key, int Order, StopNode Stop)>();
        var m = data.Matrix;
        for (int r = 0; r < data.RequestCount; r++)
        {
            if (rng.Next(4) == 0) continue;
            var p = data.Pickups[r];
            var d = data.Deliveries[r];
            double direct = m.Duration(p.Location, d.Location);
            double pickupKey = (p.Latest - p.Earliest < d.Latest - d.Earliest ? p.Earliest : d.Earliest - direct - p.Service)
                               + rng.NextDouble() * 20 - 10;
            keyed.Add((pickupKey, 0, p));
            keyed.Add((pickupKey + direct + rng.NextDouble() * 25, 1, d));
        }
        return keyed.OrderBy(k => k.Key).ThenBy(k => k.Order).Select(k => k.Stop).ToArray();
    }

    /// <summary>Counts the reference's verdicts on sequences whose earliest schedule breaks a ride limit, so that the
    /// tests show they reached the repair steps with both outcomes.</summary>
    private sealed class Outcomes
    {
        private int _repairedFeasible, _repairFailed;

        public void Record(EightStepReference.Result result, StopNode[] stops, ProblemData data)
        {
            if (!EarliestScheduleBreaksARide(stops, data)) return;
            if (result.Feasible) _repairedFeasible++;
            else _repairFailed++;
        }

        public void AssertBothVerdictsAfterRepair()
        {
            Assert.True(_repairedFeasible > 0, "no sequence needed and passed the ride-time repair");
            Assert.True(_repairFailed > 0, "no sequence needed and failed the ride-time repair");
        }

        private static bool EarliestScheduleBreaksARide(StopNode[] stops, ProblemData data)
        {
            var m = data.Matrix;
            var depart = new Dictionary<int, double>();
            double time = data.Problem.Vehicles[0].Shift.Earliest;
            int at = data.Problem.Vehicles[0].StartLocation;
            foreach (var s in stops)
            {
                time = Math.Max(time + m.Duration(at, s.Location), s.Earliest);
                at = s.Location;
                if (s.Kind == StopKind.Pickup) depart[s.Request] = time + s.Service;
                else if (time - depart[s.Request] > s.MaxRide + 1e-7) return true;
                time += s.Service;
            }
            return false;
        }
    }
}
