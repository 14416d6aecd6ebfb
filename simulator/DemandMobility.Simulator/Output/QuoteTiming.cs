namespace DemandMobility.Simulator.Output;

/// <summary>
/// How fast the dispatcher answered the run's quotes, in wall-clock time: every <c>RequestQuote</c> (alternatives
/// included) from call to answer. Not part of <c>kpis.json</c>, which holds the simulated service's figures and is the
/// same for a seed; these depend on the machine and the load.
/// </summary>
/// <param name="Count">Quotes asked.</param>
/// <param name="P50Ms">Median latency, ms.</param>
/// <param name="P99Ms">99th percentile latency (nearest rank), ms.</param>
/// <param name="PerSecond">Quotes per second of the whole run's wall time (everything else the simulator sends included).</param>
/// <param name="Concurrency">Requests the simulator had in flight at most (<c>--concurrency</c>).</param>
/// <param name="Retried">Calls retried after a transient failure (<c>UNAVAILABLE</c> while a cluster's area moved).</param>
public sealed record QuoteTiming(int Count, double P50Ms, double P99Ms, double PerSecond, int Concurrency, int Retried);
