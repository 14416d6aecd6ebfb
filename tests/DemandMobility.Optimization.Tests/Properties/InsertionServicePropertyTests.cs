using System.Collections.Immutable;
using DemandMobility.Optimization.Insertion;
using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Validation;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using Xunit.Sdk;

namespace DemandMobility.Optimization.Tests.Properties;

public class InsertionServicePropertyTests
{
    private static Solution Apply(Problem p, Solution plan, InsertionOption option, int request)
    {
        var routes = plan.Routes.Where(r => r.Vehicle != option.Vehicle).Append(option.Route).ToImmutableArray();
        return new Solution(routes, plan.Unserved.Remove(request), 0);
    }

    /// <summary>The objective without the unserved penalty, as the validator recomputes it.</summary>
    private static double RoutingCost(Problem p, Solution s)
    {
        var o = SolutionValidator.Validate(p, s).Objective;
        return o.Total - p.Weights.Unserved * o.Unserved;
    }

    private static (int, StopKind)[] Sequence(RoutePlan? route, int without = -1) =>
        route is null ? [] : route.Stops.Where(s => s.Request != without).Select(s => (s.Request, s.Kind)).ToArray();

    [Fact]
    public void Every_option_is_valid_when_applied_and_removing_it_restores_the_route()
    {
        var prop = Prop.ForAll(Gen.Choose(0, 1_000_000).ToArbitrary(), seed =>
        {
            var p = RandomInstances.Create(seed, maxRequests: 8, maxVehicles: 3);
            var plan = new Solution([], [.. Enumerable.Range(0, p.Requests.Length)], 0);
            for (int r = 0; r < p.Requests.Length; r++)
            {
                var options = InsertionService.FindInsertions(p, plan, r, maxOptions: 10);
                if (options.Count > 10) throw new XunitException($"seed {seed}: {options.Count} options for maxOptions 10");
                double before = RoutingCost(p, plan);
                for (int k = 0; k < options.Count; k++)
                {
                    var o = options[k];
                    if (k > 0 && o.CostDelta < options[k - 1].CostDelta - 1e-9)
                        throw new XunitException($"seed {seed}: options not ranked by cost delta");
                    var applied = Apply(p, plan, o, r);
                    var result = SolutionValidator.Validate(p, applied);
                    if (!result.IsFeasible)
                        throw new XunitException($"seed {seed}, request {r}, option {k}: {string.Join("; ", result.Violations)}");
                    double delta = result.Objective.Total - p.Weights.Unserved * result.Objective.Unserved - before;
                    if (Math.Abs(delta - o.CostDelta) > 1e-6 * Math.Max(1, Math.Abs(delta)))
                        throw new XunitException($"seed {seed}, request {r}, option {k}: cost delta {o.CostDelta:R}, recomputed {delta:R}");
                    var original = plan.Routes.FirstOrDefault(x => x.Vehicle == o.Vehicle);
                    if (!Sequence(original).SequenceEqual(Sequence(o.Route, without: r)))
                        throw new XunitException($"seed {seed}, request {r}, option {k}: removing the request does not restore the route");
                    if (Sequence(o.Route).Length != Sequence(original).Length + 2)
                        throw new XunitException($"seed {seed}, request {r}, option {k}: the route did not gain exactly two stops");
                }
                if (options.Count > 0) plan = Apply(p, plan, options[0], r);
            }
            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), prop);
    }
}
