using DemandMobility.Dispatch.Domain;

namespace DemandMobility.Dispatch.Engine;

/// <summary>
/// The engine's prepared plans (<see cref="PreparedPlan"/>), one per travel band, all of one plan version. Every event
/// that changes what a problem is built from moves <see cref="EngineState.PlanVersion"/>; where the engine applies
/// such events it hands them to <see cref="Advance"/>, which carries each plan to the new version by re-preparing
/// only the duties they touched, so that the quote after a booking finds its plan current. A plan that cannot be
/// carried (see <see cref="PreparedPlan.TryAdvance"/>), and every plan when the version moved by events this did not
/// see, is dropped, and the next quote in its band prepares afresh; a plan of another duty layout (the clock passed
/// a shift edge, a vehicle went out of service) or of a cleared travel cache is replaced as well. Every GPS fix (stored
/// or kept out of the log), stop event and adopted re-optimisation round moves the plan version and is carried here.
/// Quotes read in parallel; preparing and advancing are serialised.
/// </summary>
internal sealed class PreparedPlans(EngineState state, DispatchOptions options)
{
    private readonly object _gate = new();
    private readonly Dictionary<TravelCache, PreparedPlan> _byBand = new(ReferenceEqualityComparer.Instance);
    private long _version = -1;

    /// <summary>How many plans were prepared so far (for tests and diagnostics).</summary>
    public int Prepared { get; private set; }

    /// <summary>How many plans were carried to a new plan version in place so far (for tests and diagnostics).</summary>
    public int Advanced { get; private set; }

    /// <summary>Why the last plan that could not be carried to a new version was dropped (for tests and diagnostics).</summary>
    public string? LastFallback { get; private set; }

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

    /// <summary>
    /// Carries the plans to the state's plan version after <paramref name="change"/> was applied, the usable duties
    /// then being <paramref name="duties"/> (computed by <paramref name="duties"/> only when there is a plan to carry).
    /// Under the engine's writer lock, right after the events are applied.
    /// </summary>
    public void Advance(PlanChange change, Func<Duty[]> duties, double now)
    {
        lock (_gate)
        {
            if (_version == state.PlanVersion) return;
            bool seen = _version + change.Moves == state.PlanVersion;
            _version = state.PlanVersion;
            if (!seen)
            {
                _byBand.Clear();
                return;
            }
            if (_byBand.Count == 0) return;
            var usable = duties();
            foreach (var (band, plan) in _byBand.ToArray())
            {
                string? fallback;
                bool carried;
                try
                {
                    carried = plan.TryAdvance(state, usable, change, now, out fallback);
                }
                catch (Exception e)
                {
                    // The plan is a cache and the events are stored and applied already: a plan that cannot be
                    // carried must never fail the write. The next quote in its band prepares afresh.
                    (carried, fallback) = (false, "failed: " + e.Message);
                }
                if (carried) Advanced++;
                else
                {
                    _byBand.Remove(band);
                    LastFallback = fallback;
                }
            }
        }
    }
}
