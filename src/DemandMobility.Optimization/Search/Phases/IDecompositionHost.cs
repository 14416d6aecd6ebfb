namespace DemandMobility.Optimization.Search.Phases;

/// <summary>What the decomposition phase needs from the run it belongs to: what is left of its budget, the iteration
/// count to advance by the subproblems' iterations, and the exchange with other workers.</summary>
internal interface IDecompositionHost
{
    /// <summary>True when the run's iteration budget, time limit or cancellation is reached.</summary>
    bool Stop();

    /// <summary>Iterations the run may still do.</summary>
    long RemainingIterations { get; }

    /// <summary>Wall-clock time the run may still use.</summary>
    TimeSpan RemainingTime { get; }

    /// <summary>The run's cancellation.</summary>
    CancellationToken Cancellation { get; }

    /// <summary>Counts iterations done inside a subproblem as the run's own.</summary>
    void Advance(long iterations);

    /// <summary>Parallel search: exchanges the best with the other workers; true when it was replaced.</summary>
    bool ShareBest();
}
