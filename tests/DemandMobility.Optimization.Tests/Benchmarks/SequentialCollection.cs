using Xunit;

namespace DemandMobility.Optimization.Tests.Benchmarks;

/// <summary>Runs its tests after, not beside, the parallel test classes: wall-clock-capped solver runs need the CPU.</summary>
[CollectionDefinition(nameof(SequentialCollection), DisableParallelization = true)]
public sealed class SequentialCollection;
