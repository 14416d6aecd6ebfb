using DemandMobility.Optimization.Search.Alns;

namespace DemandMobility.Optimization.Search;

/// <summary>
/// Where parallel search workers share their best solutions (a cooperative multi-start in the sense of Crainic &amp;
/// Toulouse 2010, "Parallel meta-heuristics", Handbook of Metaheuristics, Section 4: independent walks that exchange
/// elite solutions at synchronisation points). Each worker posts its best at the end of every annealing cycle of its
/// main phase (round k = its k-th cycle end); it takes over a cheaper post only when its own search has stalled
/// (its best unchanged for a number of rounds), so that workers still improving keep searching their own region.
/// </summary>
/// <remarks>
/// Why stalled only: taking over the cheaper best at every round makes both workers continue from one solution from
/// the first round on, so a poor region found early is shared by both and the run as a whole stalls there (measured
/// on DARP a/b: one seed in five 1.5–2.1 % above the best known while the others reach 0.2–1.0 %). A worker that still
/// improves its own best keeps its own trajectory, as the independent searches of a cooperative multi-search do
/// (Crainic &amp; Toulouse 2010: exchanges triggered by a search's own state rather than at every synchronisation point
/// keep the searches diverse); a stalled worker continues from the better region another found (Crainic, Gendreau,
/// Hansen &amp; Mladenović 2004, "Cooperative parallel variable neighborhood search for the p-median", Journal of
/// Heuristics 10: a search that no longer improves takes over the best of the central memory).
/// </remarks>
/// <remarks>
/// With <c>synchronous</c> set (an iteration limit was given), a worker waits until every other worker has posted round
/// k or finished, so the exchange, and with it the whole run, depends only on the seeds and the iteration limit. Under
/// a time limit alone the exchange does not wait (a core never idles) and takes the latest post of each other worker.
/// Posted states are private snapshots: a worker copies from them and never mutates them.
/// </remarks>
internal sealed class EliteExchange
{
    private readonly object _gate = new();
    private readonly bool _synchronous;
    private readonly int _stallRounds;
    private readonly Dictionary<int, (SearchState State, double Cost)>[] _posts;
    private readonly int[] _latestRound;
    private readonly bool[] _finished;

    /// <param name="workers">Workers taking part.</param>
    /// <param name="synchronous">Whether a worker waits for the others' posts of the same round (iteration limit).</param>
    /// <param name="stallRounds">A worker takes over a cheaper post only when its own best has not improved for at
    /// least this many rounds (0: whenever a cheaper post exists).</param>
    public EliteExchange(int workers, bool synchronous, int stallRounds)
    {
        if (stallRounds < 0) throw new ArgumentOutOfRangeException(nameof(stallRounds), stallRounds, "Must not be negative.");
        _synchronous = synchronous;
        _stallRounds = stallRounds;
        _posts = new Dictionary<int, (SearchState, double)>[workers];
        for (int w = 0; w < workers; w++) _posts[w] = new Dictionary<int, (SearchState, double)>();
        _latestRound = new int[workers];
        Array.Fill(_latestRound, -1);
        _finished = new bool[workers];
    }

    /// <summary>
    /// Posts <paramref name="snapshot"/> (owned by the exchange from now on) as <paramref name="worker"/>'s best of
    /// <paramref name="round"/> and, when the worker's best has not improved for <paramref name="stalledRounds"/> ≥ the
    /// exchange's stall rounds, returns the best other worker's post that is cheaper than <paramref name="cost"/>;
    /// null otherwise. Ties go to the lower worker index.
    /// </summary>
    /// <param name="worker">The posting worker's index.</param>
    /// <param name="round">The exchange round (cycle end) the post belongs to.</param>
    /// <param name="snapshot">The worker's best, owned by the exchange from now on.</param>
    /// <param name="cost">That best's cost.</param>
    /// <param name="stalledRounds">Rounds since the worker's best last changed (0: it improved during this round).</param>
    public (SearchState State, double Cost)? Exchange(int worker, int round, SearchState snapshot, double cost, int stalledRounds)
    {
        lock (_gate)
        {
            _posts[worker][round] = (snapshot, cost);
            _latestRound[worker] = round;
            _posts[worker].Remove(round - 2);
            Monitor.PulseAll(_gate);
            // Rounds stay in step under an iteration limit even where nothing is taken over (the posts of a round are
            // kept only until the round after next).
            if (_synchronous)
                while (!AllPostedOrFinished(round)) Monitor.Wait(_gate);
            if (stalledRounds < _stallRounds) return null;
            (SearchState State, double Cost)? best = null;
            int bestWorker = worker;
            double bestCost = cost;
            for (int w = 0; w < _posts.Length; w++)
            {
                if (w == worker) continue;
                int r = _synchronous ? round : _latestRound[w];
                if (r < 0 || !_posts[w].TryGetValue(r, out var post)) continue;
                if (post.Cost < bestCost - 1e-9 || (Math.Abs(post.Cost - bestCost) <= 1e-9 && w < bestWorker))
                {
                    best = post;
                    bestCost = post.Cost;
                    bestWorker = w;
                }
            }
            return bestWorker == worker ? null : best;
        }
    }

    /// <summary>Marks a worker as done, so that no other worker waits for its posts.</summary>
    public void Finish(int worker)
    {
        lock (_gate)
        {
            _finished[worker] = true;
            Monitor.PulseAll(_gate);
        }
    }

    private bool AllPostedOrFinished(int round)
    {
        for (int w = 0; w < _posts.Length; w++)
            if (!_finished[w] && _latestRound[w] < round) return false;
        return true;
    }
}
