using System.Collections.Immutable;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using Xunit.Sdk;

namespace DemandMobility.Optimization.Tests.Properties;

/// <summary>The cached <see cref="InsertionContext"/> against the one-shot <see cref="InsertionService"/> as reference.</summary>
public class InsertionContextPropertyTests
{
    private static (int, StopKind)[] Sequence(RoutePlan r) => r.Stops.Select(s => (s.Request, s.Kind)).ToArray();

    private static void AssertSame(IReadOnlyList<InsertionOption> expected, IReadOnlyList<InsertionOption> actual, string where)
    {
        if (expected.Count != actual.Count)
            throw new XunitException($"{where}: {actual.Count} options, reference {expected.Count}");
        for (int k = 0; k < expected.Count; k++)
        {
            var e = expected[k];
            var a = actual[k];
            if (Math.Abs(e.CostDelta - a.CostDelta) > 1e-9 * Math.Max(1, Math.Abs(e.CostDelta)))
                throw new XunitException($"{where}, option {k}: cost {a.CostDelta:R}, reference {e.CostDelta:R}");
            // Equal-cost options may come in another order only if they are cost ties.
            if (e.Vehicle != a.Vehicle || !Sequence(e.Route).SequenceEqual(Sequence(a.Route)))
            {
                bool tie = expected.Any(x => x.Vehicle == a.Vehicle && Sequence(x.Route).SequenceEqual(Sequence(a.Route))
                                             && Math.Abs(x.CostDelta - a.CostDelta) <= 1e-9 * Math.Max(1, Math.Abs(a.CostDelta)));
                if (!tie) throw new XunitException($"{where}, option {k}: vehicle {a.Vehicle}, reference vehicle {e.Vehicle}");
            }
        }
    }

    [Fact]
    public void Context_with_route_updates_answers_like_a_fresh_one_shot_query()
    {
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var p = RandomInstances.Create(seed, maxRequests: 10, maxVehicles: 4, groups: seed % 3 == 0 ? 2 : 0);
            var plan = new Solution([], [], 0);
            var ctx = new InsertionContext(p, plan);
            for (int r = 0; r < p.Requests.Length; r++)
            {
                var reference = InsertionService.FindInsertions(p, plan, r, 5);
                var cached = ctx.FindInsertions(r, 5);
                AssertSame(reference, cached, $"seed {seed}, request {r}");
                if (cached.Count == 0) continue;
                // Commit the second-best option when there is one, so that the plans differ from greedy.
                var chosen = cached[cached.Count > 1 ? 1 : 0];
                ctx.Apply(chosen);
                plan = plan with { Routes = plan.Routes.Where(x => x.Vehicle != chosen.Vehicle).Append(chosen.Route).ToImmutableArray() };
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), prop);
    }

    [Fact]
    public void Probing_a_request_outside_the_problem_equals_appending_it()
    {
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var full = RandomInstances.Create(seed, maxRequests: 8, maxVehicles: 3);
            if (full.Requests.Length < 2) return true;
            int last = full.Requests.Length - 1;
            var without = full with { Requests = full.Requests.RemoveAt(last) };
            // A plan of the others by greedy insertion.
            var ctx = new InsertionContext(without, new Solution([], [], 0));
            for (int r = 0; r < last; r++)
            {
                var o = ctx.FindInsertions(r, 1);
                if (o.Count > 0) ctx.Apply(o[0]);
            }
            var plan = ctx.CurrentPlan();
            var reference = InsertionService.FindInsertions(full, plan, last, 5);
            var probed = ctx.FindInsertions(full.Requests[last], 5);
            AssertSame(reference, probed, $"seed {seed}");
            // Probing leaves the context as it was.
            AssertSame(InsertionService.FindInsertions(full, plan, last, 5), ctx.FindInsertions(full.Requests[last], 5), $"seed {seed}, second probe");
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60), prop);
    }
}
