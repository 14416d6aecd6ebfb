using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The engine's prepared plans (<see cref="PreparedPlan"/>), one per travel band. Every event that changes what a
/// problem is built from moves <see cref="EngineState.PlanVersion"/>; the next quote in a band then brings that band's
/// plan up to date in place (<see cref="PreparedPlan.TryUpdate"/>: only the duties whose routes or tasks changed are
/// rebuilt, so a confirmation costs one route, not the fleet) or, when the change is not one an update can express
/// (another duty layout because the clock passed a shift edge or a vehicle went out of service, a cleared travel
/// cache, a stop event of a running duty), prepares it afresh. A moved vehicle starts from where it is on each quote
/// (<see cref="PreparedInsertion"/>). Quotes read in parallel; updating and preparing are serialised.
/// </summary>
internal sealed class PreparedPlans(EngineState state, DispatchOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<TravelCache, PreparedPlan> _byBand = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many plans were prepared in full so far (for tests and diagnostics).</summary>
    public int Prepared { get; private set; }

    /// <summary>How many times a plan was brought to a new plan version in place.</summary>
    public int Updated { get; private set; }

    /// <summary>Why the last plan that could not be updated in place was prepared afresh (null before any).</summary>
    public string? LastFallback { get; private set; }

    /// <summary>
    /// The prepared plan of the current plan version for <paramref name="band"/> and the usable duties
    /// <paramref name="duties"/> (in fleet order), prepared now if there is none yet or it is stale.
    /// </summary>
    public PreparedPlan For(Duty[] duties, TravelCache band, TaskRecord task, double now)
    {
        lock (_gate)
        {
            if (_byBand.TryGetValue(band, out var plan))
            {
                if (plan.Matches(band, duties, state.PlanVersion)) return plan;
                // Out of the map while it changes: an update that fails or throws leaves it half updated.
                _byBand.Remove(band);
                if (plan.TryUpdate(state, duties, band, out var fallback))
                {
                    _byBand[band] = plan;
                    Updated++;
                    return plan;
                }
                LastFallback = fallback;
            }
            plan = PreparedPlan.Build(state, duties, task, now, band, options);
            _byBand[band] = plan;
            Prepared++;
            return plan;
        }
    }
}
