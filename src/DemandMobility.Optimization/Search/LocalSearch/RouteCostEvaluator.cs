using DemandMobility.Optimization.Model;
using DemandMobility.Optimization.Search.Routes;

namespace DemandMobility.Optimization.Search.LocalSearch;

/// <summary>
/// Feasibility and cost of a candidate route given as one segment from its vehicle's start to its end
/// (<see cref="RouteSegment"/>), in O(1).
/// </summary>
/// <remarks>
/// The cost is exact when the objective does not depend on the schedule (no ride-time or waiting weight) and
/// the candidate has no ride-time limits; <see cref="IsExact"/> says so. Otherwise the segment check is a
/// necessary condition and the cost a lower bound (ride and waiting costs are never negative), and the
/// caller confirms the few candidates that pass with the exact <see cref="ScheduleEvaluator"/>.
/// </remarks>
internal sealed class RouteCostEvaluator
{
    private const double Eps = 1e-7;
    private readonly ProblemData _data;
    private readonly bool _scheduleFree;

    public RouteCostEvaluator(ProblemData data)
    {
        _data = data;
        _scheduleFree = data.Weights.RideTime == 0 && data.Weights.Waiting == 0;
    }

    /// <summary>Whether a candidate built from routes without (<paramref name="rideLimits"/> false) ride-time
    /// limits is fully decided by its segment.</summary>
    public bool IsExact(bool rideLimits) => _scheduleFree && !rideLimits;

    /// <summary>
    /// Checks windows, route duration and capacity of the whole route <paramref name="route"/> on
    /// <paramref name="vehicle"/> with <paramref name="initialLoad"/> on board at the start; on success gives
    /// its cost (exact or a lower bound, see <see cref="IsExact"/>).
    /// </summary>
    public bool TryCost(int vehicle, in RouteSegment route, LoadVector initialLoad, out double cost)
    {
        cost = 0;
        var veh = _data.Problem.Vehicles[vehicle];
        if (route.TimeWarp > Eps || route.Duration > veh.MaxRouteDuration + Eps) return false;
        if (!(initialLoad + route.Peak).FitsWithin(veh.Capacity)) return false;
        if (route.RequestStops == 0) return true; // an unused vehicle costs nothing
        var w = _data.Weights;
        cost = w.Distance * route.Distance + w.TravelTime * route.Travel + w.FixedCost * veh.FixedCost;
        return true;
    }
}
