namespace DemandMobility.Optimization.Search.Pool;

/// <summary>Outcome of one <see cref="SetPartitioningSolver"/> call.</summary>
/// <param name="Found">True when a partition cheaper than the given upper bound was found.</param>
/// <param name="Columns">Indices of the chosen columns (empty when nothing was found).</param>
/// <param name="Cost">Total cost of the chosen columns (the upper bound when nothing was found).</param>
/// <param name="Nodes">Search nodes visited.</param>
/// <param name="Complete">True when the search finished within its node limit, i.e. the result is optimal over
/// the given columns (or no partition below the bound exists).</param>
internal sealed record SetPartitioningResult(bool Found, int[] Columns, double Cost, long Nodes, bool Complete);
