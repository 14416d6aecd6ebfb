using DemandMobility.Optimization.Search.Alns;

namespace DemandMobility.Optimization.Search;

/// <summary>
/// Where parallel search workers share their best solutions (a cooperative multi-start in the sense of Crainic &amp;
/// Toulouse 2010, "Parallel meta-heuristics", Handbook of Metaheuristics, Section 4: independent walks that exchange
/// elite solutions at synchronisation points). Each worker posts its best at the end of every annealing cycle of its
/// main phase (round k = its k-th cycle end) and continues from the best posted for that round.
/// </summary>
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
    private readonly int _adoptEvery;
    private readonly Dictionary<int, (SearchState State, double Cost)>[] _posts;
    private readonly int[] _latestRound;
    private readonly bool[] _finished;

    /// <param name="workers">Workers taking part.</param>
    /// <param name="synchronous">Whether a worker waits for the others' posts of the same round (iteration limit).</param>
    /// <param name="adoptEvery">A worker takes over a cheaper post only at every this many rounds (rounds k with
    /// (k + 1) divisible by it); in between each worker keeps searching around its own best.</param>
    public EliteExchange(int workers, bool synchronous, int adoptEvery = 1)
    {
        if (adoptEvery < 1) throw new ArgumentOutOfRangeException(nameof(adoptEvery), adoptEvery, "Must be at least 1.");
        _synchronous = synchronous;
        _adoptEvery = adoptEvery;
        _posts = new Dictionary<int, (SearchState, double)>[workers];
        for (int w = 0; w < workers; w++) _posts[w] = new Dictionary<int, (SearchState, double)>();
        _latestRound = new int[workers];
        Array.Fill(_latestRound, -1);
        _finished = new bool[workers];
    }

    /// <summary>
    /// Posts <paramref name="snapshot"/> (owned by the exchange from now on) as <paramref name="worker"/>'s best of
    /// <paramref name="round"/> and returns the best other worker's post when it is cheaper than
    /// <paramref name="cost"/>; null otherwise. Ties go to the lower worker index.
    /// </summary>
    public (SearchState State, double Cost)? Exchange(int worker, int round, SearchState snapshot, double cost)
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
            if ((round + 1) % _adoptEvery != 0) return null;
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
