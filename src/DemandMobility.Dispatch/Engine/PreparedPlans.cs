using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The engine's prepared plans (<see cref="PreparedPlan"/>), one per travel band, all of one plan version. Stale as
/// soon as the plan changes: every event that changes what a problem is built from moves
/// <see cref="EngineState.PlanVersion"/>, and the next quote then drops them all before preparing afresh; a plan of
/// another duty layout (the clock passed a shift edge, a vehicle went out of service) or of a cleared travel cache
/// is replaced as well. A GPS fix kept out of the log moves a vehicle without moving the plan version: each quote
/// starts that vehicle from where it is (<see cref="PreparedInsertion"/>). Quotes read in parallel; preparing is
/// serialised.
/// </summary>
internal sealed class PreparedPlans(EngineState state, DispatchOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<TravelCache, PreparedPlan> _byBand = new(ReferenceEqualityComparer.Instance);
    private long _version = -1;

    /// <summary>How many plans were prepared so far (for tests and diagnostics).</summary>
    public int Prepared { get; private set; }

    /// <summary>
    /// The prepared plan of the current plan version for <paramref name="band"/> and the usable duties
    /// <paramref name="duties"/> (in fleet order), prepared now if there is none yet or it is stale.
    /// </summary>
    public PreparedPlan For(Duty[] duties, TravelCache band, TaskRecord task, double now)
    {
        lock (_gate)
        {
            if (_version != state.PlanVersion)
            {
                _byBand.Clear();
                _version = state.PlanVersion;
            }
            if (_byBand.TryGetValue(band, out var plan) && plan.Matches(band, duties)) return plan;
            plan = PreparedPlan.Build(state, duties, task, now, band, options);
            _byBand[band] = plan;
            Prepared++;
            return plan;
        }
    }
}
