namespace DemandMobility.Server.Tests.Planner;

/// <summary>
/// Tests that run planner jobs on Hangfire servers. Hangfire keeps process-wide state (its global configuration and
/// log provider), so hosts that run jobs in one test process must not start and stop beside each other: this
/// collection runs alone, after the parallel ones.
/// </summary>
[CollectionDefinition(nameof(HangfireCollection), DisableParallelization = true)]
public sealed class HangfireCollection;
