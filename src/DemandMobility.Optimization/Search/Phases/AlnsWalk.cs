using DemandMobility.Optimization.Search.Alns;

namespace DemandMobility.Optimization.Search.Phases;

/// <summary>What the ALNS walk needs from the run it belongs to: the shared iteration count, the stop rule, the local
/// search on new bests, the exchange with other workers and progress reports.</summary>
internal interface IAlnsHost
{
    /// <summary>Counts one iteration of the run.</summary>
    void Advance();

    /// <summary>True when the run's iteration budget, time limit or cancellation is reached.</summary>
    bool Stop();

    /// <summary>Local search on a new best (of the phase).</summary>
    void ImproveLocally(SearchState state);

    /// <summary>Parallel search: exchanges the best with the other workers; true when it was replaced.</summary>
    bool ShareBest();

    /// <summary>Reports progress every so many iterations.</summary>
    void ReportProgress();
}

/// <summary>
/// The ALNS phase (Ropke &amp; Pisinger 2006): ruin and recreate with adaptive operator weights and simulated-annealing
/// acceptance in cycles; serves the main search and, with a phase best and a phase end, each attempt of route
/// minimisation. Cycles restart from the best, from an episode start or from a random fleet (<see cref="Restarts"/>),
/// and recombine the route pool when it is on (<see cref="Recombination"/>).
/// </summary>
internal sealed class AlnsWalk
{
    private const int SegmentLength = 100;
    private const long FirstCycle = 1_000, MaxCycle = 64_000, FleetRestartCycle = 500;
    private readonly SearchContext _ctx;
    private readonly SolverTuning _tuning;
    private readonly BestTracker _best;
    private readonly Restarts _restarts;
    private readonly Recombination? _recombination;
    private readonly int _episodes;
    private readonly bool _heterogeneousFleet;
    private readonly IAlnsHost _host;
    private readonly IRuinOperator[] _ruins;
    private readonly IRecreateOperator[] _recreates;

    public AlnsWalk(SearchContext ctx, SolverTuning tuning, BestTracker best, Restarts restarts, Recombination? recombination,
        int episodes, bool heterogeneousFleet, IAlnsHost host, IRuinOperator[] ruins, IRecreateOperator[] recreates)
    {
        _ctx = ctx; _tuning = tuning; _best = best; _restarts = restarts; _recombination = recombination;
        _episodes = episodes; _heterogeneousFleet = heterogeneousFleet; _host = host; _ruins = ruins; _recreates = recreates;
    }

    /// <summary>The main ALNS loop on the current phase's objective, for at most <paramref name="budget"/> iterations.</summary>
    /// <returns>True when the phase's goal was reached (route minimisation: the bank is empty).</returns>
    public bool Walk(SearchState current, long budget, SearchState? phaseBest = null, Func<bool>? phaseOver = null, long stallLimit = long.MaxValue)
    {
        var rng = _ctx.Random;
        var ruinWeights = new AdaptiveWeights(_ruins.Length);
        var recreateWeights = new AdaptiveWeights(_recreates.Length);
        var candidate = current.Clone();
        // Main phase: the walk may pass through solutions with a few unserved requests at a moderate
        // penalty (Ropke & Pisinger's request bank), which opens paths between tightly packed
        // solutions; only solutions better by the true objective become the best.
        bool mainPhase = phaseBest is null;
        double? savedPenalty = _ctx.BankPenalty;
        if (mainPhase && _tuning.BankPenaltyArcs > 0)
            _ctx.BankPenalty = Math.Min(_ctx.Data.Weights.Unserved, _tuning.BankPenaltyArcs * Math.Max(_ctx.NoiseScale, 1e-6));
        try
        {
            double currentCost = current.Cost(_ctx);
            double localBestCost = mainPhase ? _best.Cost : phaseBest!.Cost(_ctx);
            // A solution StartWorse × routing cost worse is accepted with probability 1/2 at a cycle's start.
            double t0 = Math.Max(1e-6, _tuning.StartWorse * Math.Max(current.RoutingCost(_ctx), 1e-3) / Math.Log(2));
            long cycleLength = FirstCycle, cycleStart = 0, regularLength = FirstCycle;
            bool inFleetRestart = false;
            // Episodes (main phase of a cold start, see Execute): cycles start from a heavily perturbed best
            // (FreshStart) instead of the best itself. Measured on the DARP a-set, one walk settles in a basin
            // within a few thousand iterations and restarts from the best never left it; many short walks from
            // perturbed starts reach better solutions for the same budget.
            int episodesLeft = mainPhase ? _episodes : 0;
            if (episodesLeft > 0) cycleLength = regularLength = _tuning.EpisodeLength;
            double decay = Math.Pow(_tuning.EndTemperatureRatio, 1.0 / cycleLength);
            double temperature = t0;
            int movable = 0;
            for (int r = 0; r < _ctx.Fixed.Length; r++) if (!_ctx.Fixed[r]) movable++;
            if (movable == 0) return true;
            // Ropke & Pisinger remove q ∈ [4, min(100, 0.4 n)]; tiny instances need smaller q too, or every
            // iteration rebuilds the whole solution the same way.
            int qMin = Math.Max(1, Math.Min(4, movable / 2));
            int qMax = Math.Max(qMin, Math.Min(_tuning.QMaxCap, Math.Max((int)(_tuning.QFraction * movable), Math.Min(movable, 3))));

            long lastBest = 0;
            for (long it = 0; it < budget && !_host.Stop() && !(phaseOver?.Invoke() ?? false); it++, _host.Advance())
            {
                if (it - lastBest > stallLimit) break;
                if (phaseBest is not null && phaseBest.Unassigned.Count == 0) return true;
                int ruin = ruinWeights.Select(rng);
                int rec = recreateWeights.Select(rng);
                candidate.CopyFrom(current);
                int q = qMin + rng.Next(qMax - qMin + 1);
                _ruins[ruin].Ruin(_ctx, candidate, q);
                _recreates[rec].Recreate(_ctx, candidate);
                double cost = candidate.Cost(_ctx);
                double bestMeasure = mainPhase ? candidate.TrueCost(_ctx) : cost;

                double score = 0;
                bool accept = cost < currentCost - 1e-9
                              || rng.NextDouble() < Math.Exp(-(cost - currentCost) / temperature);
                if (bestMeasure < localBestCost - 1e-9)
                {
                    // Route minimisation improves its phase best each time the bank shrinks; a local search on
                    // each of those was measured to take most of the phase's time on long routes (Li & Lim
                    // 400, type 2: 6 iterations/s), so there it runs only once the bank is empty.
                    if (mainPhase || candidate.Unassigned.Count == 0)
                    {
                        _host.ImproveLocally(candidate);
                    }
                    cost = candidate.Cost(_ctx);
                    bestMeasure = mainPhase ? candidate.TrueCost(_ctx) : cost;
                    score = AdaptiveWeights.NewBest;
                    if (!mainPhase) phaseBest!.CopyFrom(candidate);
                    else _best.Offer(candidate, bestMeasure);
                    localBestCost = bestMeasure;
                    lastBest = it;
                    accept = true;
                }
                else if (cost < currentCost - 1e-9) score = AdaptiveWeights.Improved;
                else if (accept) score = AdaptiveWeights.Accepted;
                if (accept)
                {
                    (current, candidate) = (candidate, current);
                    currentCost = cost;
                    if (mainPhase) _recombination?.Admit(current, cost, localBestCost);
                }
                // During the independent episodes the walk stays in its own basin; afterwards it jumps to the
                // recombined solution to intensify around it.
                if (mainPhase && _recombination is not null && (it + 1) % _tuning.RecombineInterval == 0
                    && _recombination.TryRecombine() && episodesLeft == 0)
                {
                    localBestCost = _best.Cost;
                    lastBest = it;
                    current.CopyFrom(_best.State);
                    currentCost = current.Cost(_ctx);
                }
                ruinWeights.Reward(ruin, score);
                recreateWeights.Reward(rec, score);
                if ((it + 1) % SegmentLength == 0)
                {
                    ruinWeights.EndSegment();
                    recreateWeights.EndSegment();
                }
                temperature *= decay;
                if (it + 1 - cycleStart >= cycleLength)
                {
                    if (mainPhase && _host.ShareBest()) localBestCost = Math.Min(localBestCost, _best.Cost);
                    if (episodesLeft > 0)
                    {
                        _restarts.FreshStart(current);
                        episodesLeft--;
                        localBestCost = current.TrueCost(_ctx);
                        _best.Offer(current, localBestCost);
                    }
                    else if (mainPhase && _heterogeneousFleet && !inFleetRestart)
                    {
                        // Mixed fleet: a short cycle from a solution rebuilt on a random subset of the vehicles.
                        _restarts.RandomFleetStart(current);
                        inFleetRestart = true;
                        double restartCost = current.TrueCost(_ctx);
                        if (_best.Offer(current, restartCost)) localBestCost = restartCost;
                        cycleLength = FleetRestartCycle;
                    }
                    else
                    {
                        // Restart from the best with the full temperature; each cycle is twice as long, so
                        // that short runs still cool down and long runs get long, slow cycles.
                        current.CopyFrom(phaseBest ?? _best.State);
                        if (mainPhase) localBestCost = _best.Cost;
                        inFleetRestart = false;
                        regularLength = Math.Min(regularLength * 2, MaxCycle);
                        cycleLength = regularLength;
                    }
                    currentCost = current.Cost(_ctx);
                    temperature = t0;
                    cycleStart = it + 1;
                    decay = Math.Pow(_tuning.EndTemperatureRatio, 1.0 / cycleLength);
                }
                _host.ReportProgress();
            }
            return phaseBest is not null && phaseBest.Unassigned.Count == 0;
        }
        finally
        {
            _ctx.BankPenalty = savedPenalty;
        }
    }
}
