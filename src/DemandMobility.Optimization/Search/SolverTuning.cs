namespace DemandMobility.Optimization.Search;

/// <summary>
/// Internal tuning knobs of the <see cref="Solver"/>, exposed to the benchmark harness only. Defaults were
/// chosen with fixed-iteration runs (3000 iterations, seed 1) on a3-36, a5-40, a6-48, a8-96, b4-48, b8-96,
/// lr205 and lrc201: removing up to 25 % of the requests (at most 15) per iteration was the best trade-off
/// between quality per iteration and iterations per second. The episode defaults (unlimited episodes of 1 500
/// iterations, 40 % of the best re-inserted at each start) and the route pool being off were chosen with 12 000- to
/// 24 000-iteration runs, seeds 1–5, on a6-72, a7-70, a7-84, a8-64, a8-80 and a8-96 (docs/benchmarks.md, "Session 3").
/// </summary>
/// <param name="QFraction">Largest share of the movable requests one ruin removes.</param>
/// <param name="QMaxCap">Absolute cap on the requests one ruin removes.</param>
/// <param name="StartWorse">At a cycle's start, a solution this fraction of the routing cost worse is accepted with probability ½.</param>
/// <param name="EndTemperatureRatio">Temperature at a cycle's end relative to its start.</param>
/// <param name="FleetWalkShare">Objectives with vehicle fixed costs: share of the budget (iterations and time) the ALNS
/// walk gets before route minimisation (0: route minimisation right after construction).</param>
/// <param name="FleetWalkMinRouteRequests">That walk runs only when the constructed routes carry at least this many
/// requests on average (Li &amp; Lim 400: 13–25 on type 2, at most 8.3 on type 1).</param>
/// <param name="RouteMinShare">Share of the iteration budget (<see cref="SolverOptions.MaxIterations"/>) and, as a
/// safety cap, of the time limit that the route-minimisation phase (<see cref="Phases.RouteMinimisation"/>) may use, both
/// counted from what the walk before it (<see cref="FleetWalkShare"/>) left.</param>
/// <param name="RouteMinMaxIterations">Iterations (requests taken from the ejection pool) the route-minimisation phase
/// may use when only a time limit is given.</param>
/// <param name="RouteMinAttemptIterations">Iterations one attempt to empty a route may use before it is dropped.</param>
/// <param name="RouteMinRepairIterations">Iterations of the ALNS walk that takes over the requests left in the pool
/// when a guided-ejection attempt runs out (0: no fallback).</param>
/// <param name="RouteMinRepairStall">That walk ends after this many iterations without a smaller bank.</param>
/// <param name="RouteMinFailures">The route-minimisation phase ends after this many dropped attempts in a row.</param>
/// <param name="EjectionMax">k_max of guided ejection search: most requests ejected from one route to make room.</param>
/// <param name="RelocatingInsertion">Whether a request that fits nowhere is first tried with one request of the
/// receiving route moved to another route (<see cref="Insertion.RelocatingInsertion"/>) before anything is ejected.</param>
/// <param name="PerturbationMoves">Random feasible moves tried after each ejection (I_rand of guided ejection search).</param>
/// <param name="TwoOptStar">Whether the local search on new best solutions includes the 2-opt* tail exchange (<see cref="LocalSearch.TwoOptStarMove"/>).</param>
/// <param name="RoutePoolCapacity">Most distinct routes kept for set-partitioning recombination (0: no recombination).</param>
/// <param name="RoutePoolAdmit">Routes of accepted solutions enter the pool when the solution is at most this fraction worse than the best of the current episode.</param>
/// <param name="RecombineInterval">Main phase: iterations between set-partitioning recombinations of the pool.</param>
/// <param name="RecombineWorkLimit">CP-SAT deterministic time one recombination may use.</param>
/// <param name="Episodes">Main phase of a cold start on a static, homogeneous fleet without fixed costs: how many
/// annealing cycles start as an independent episode (see <see cref="EpisodeRuinShare"/>) instead of from the best
/// (<see cref="int.MaxValue"/>: every cycle).</param>
/// <param name="EpisodeLength">Iterations of each episode (and of the first cycle when episodes apply).</param>
/// <param name="EpisodeRuinShare">Share of the movable requests an episode start removes from the best and reinserts
/// in random order (1: a fresh construction).</param>
/// <param name="EpisodeMaxRequests">Episodes apply only up to this many requests: one episode re-inserts 40 % of the
/// requests and then has <see cref="EpisodeLength"/> iterations of at most <see cref="QMaxCap"/> removals to repair
/// them, which on a day of thousands of requests never gets back to the best (tuned on at most 96 requests).</param>
/// <param name="SequentialConstructionFrom">From this many requests to place on, the first solution is built by
/// sequential insertion in order of earliest pickup instead of regret-2 insertion (quadratic in the requests).</param>
/// <param name="DecompositionFrom">From this many requests on, a static problem without pins is improved by subproblems of
/// neighbouring routes (<see cref="Phases.Decomposition"/>) instead of one ALNS walk over the whole solution. Measured on
/// generated Sprinti days at 60 s (docs/benchmarks.md, "Decomposition"): 7 % worse on 494 requests, on a par on 1 975
/// (+0.46 % and −0.08 % for two seeds), hence a threshold between the two.</param>
/// <param name="DecompositionSubRequests">Requests of the first subproblems (the seed route and its nearest routes).</param>
/// <param name="DecompositionIterations">Iterations of the solver on one subproblem.</param>
/// <param name="GranularFrom">From this many requests on, relocate and exchange search granular neighbourhoods
/// (<see cref="LocalSearch.GranularNeighbourhood"/>): only the routes and partners of a request's nearest requests in
/// space and time.</param>
/// <param name="GranularNeighbours">On a granular neighbourhood: nearest stops kept per stop (relocate's candidate
/// routes) and nearest requests kept per request (exchange tries the first ten of them as partners).</param>
/// <param name="ExchangeStallRounds">Parallel search: a worker takes over another worker's cheaper best only when its own
/// best has not improved over this many ends of its annealing cycles (<see cref="EliteExchange"/>; 0: at every end).</param>
/// <param name="ExchangeRelink">Parallel search with episodes: after taking over another worker's best, the next episode
/// starts from it with the requests it and the worker's own former best serve differently reinserted
/// (<see cref="Phases.Restarts.RelinkNext"/>) instead of a random share.</param>
/// <param name="BankPenaltyArcs">Main phase: an unserved request costs this many times the largest arc while
/// searching (0: its real cost), so the walk may pass through incomplete solutions.</param>
internal sealed record SolverTuning(
    double QFraction = 0.25,
    int QMaxCap = 15,
    double StartWorse = 0.01,
    double EndTemperatureRatio = 0.005,
    double FleetWalkShare = 0.2,
    double FleetWalkMinRouteRequests = 10,
    double RouteMinShare = 0.5,
    long RouteMinAttemptIterations = 20_000,
    long RouteMinMaxIterations = 200_000,
    long RouteMinRepairIterations = 3_000,
    long RouteMinRepairStall = 1_000,
    int RouteMinFailures = 3,
    int EjectionMax = 2,
    int PerturbationMoves = 50,
    bool RelocatingInsertion = true,
    double BankPenaltyArcs = 2,
    bool TwoOptStar = true,
    int RoutePoolCapacity = 0,
    double RoutePoolAdmit = 0.02,
    long RecombineInterval = 1_000,
    double RecombineWorkLimit = 0.5,
    int Episodes = int.MaxValue,
    long EpisodeLength = 1_500,
    double EpisodeRuinShare = 0.4,
    int EpisodeMaxRequests = 500,
    int SequentialConstructionFrom = 1_000,
    int DecompositionFrom = 1_500,
    int DecompositionSubRequests = 150,
    long DecompositionIterations = 1_000,
    int GranularFrom = 1_000,
    int GranularNeighbours = 20,
    int ExchangeStallRounds = 2,
    bool ExchangeRelink = true);
